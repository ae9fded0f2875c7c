import { describe, expect, it } from "vitest";
import { ibanValid, luhnValid } from "./pii-checksums.js";

describe("luhnValid", () => {
  it("accepts published test card numbers", () => {
    for (const number of [
      "4111111111111111",
      "5500000000000004",
      "378282246310005",
      "6011111111111117",
      "4222222222222",
    ]) {
      expect(luhnValid(number), number).toBe(true);
    }
  });

  it("rejects a changed digit, non-digits and the empty string", () => {
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(luhnValid("4111 1111 1111 1111")).toBe(false);
    expect(luhnValid("")).toBe(false);
  });
});

describe("ibanValid", () => {
  it("accepts valid IBANs of several countries", () => {
    for (const iban of [
      "DE89370400440532013000",
      "GB82WEST12345698765432",
      "FR1420041010050500013M02606",
      "NL91ABNA0417164300",
      "BE68539007547034",
    ]) {
      expect(ibanValid(iban), iban).toBe(true);
    }
  });

  it("rejects a wrong check digit, a wrong length for the country and lowercase or spaced input", () => {
    expect(ibanValid("DE89370400440532013001")).toBe(false);
    expect(ibanValid("DE8937040044053201300")).toBe(false);
    expect(ibanValid("de89370400440532013000")).toBe(false);
    expect(ibanValid("DE89 3704 0044 0532 0130 00")).toBe(false);
  });
});
