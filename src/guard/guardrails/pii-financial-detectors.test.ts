import { describe, expect, it } from "vitest";
import { detect, detectedValues as values } from "../../../test/support/pii-detect.js";
import { cardDetector, ibanDetector, ssnDetector } from "./pii-financial-detectors.js";

describe("cardDetector", () => {
  it("finds Luhn-valid cards plain, spaced, dashed and Amex-grouped", () => {
    const text =
      "Visa 4111111111111111, MC 5500-0000-0000-0004, Amex 3782 822463 10005, Visa 4111 1111 1111 1111.";
    expect(values(cardDetector, text)).toEqual([
      "4111111111111111",
      "5500-0000-0000-0004",
      "3782 822463 10005",
      "4111 1111 1111 1111",
    ]);
    expect(detect(cardDetector, "4111111111111111")[0]?.[1]).toBeGreaterThanOrEqual(0.9);
  });

  it("rejects Luhn-invalid numbers, mixed separators and odd groupings", () => {
    expect(
      values(cardDetector, "4111 1111 1111 1112 and 4111-1111 1111-1111 and 41 1111 1111 1111 11"),
    ).toEqual([]);
  });

  it("keeps a trailing year out of the card and reads digits after an IBAN's check digits as IBAN", () => {
    expect(values(cardDetector, "card 4111 1111 1111 1111 2027.")).toEqual(["4111 1111 1111 1111"]);
    expect(values(cardDetector, "IBAN DE89 3704 0044 0532 0130 01")).toEqual([]);
  });
});

describe("ibanDetector", () => {
  it("finds checksum-valid IBANs, spaced or compact", () => {
    const text =
      "Pay to DE89 3704 0044 0532 0130 00 or GB82WEST12345698765432 or FR14 2004 1010 0505 0001 3M02 606.";
    expect(values(ibanDetector, text)).toEqual([
      "DE89 3704 0044 0532 0130 00",
      "GB82WEST12345698765432",
      "FR14 2004 1010 0505 0001 3M02 606",
    ]);
  });

  it("rejects a wrong checksum, a wrong country length and lowercase", () => {
    expect(
      values(ibanDetector, "DE89 3704 0044 0532 0130 01, DE89 3704 0044 0532 0130 0, de89370400440532013000"),
    ).toEqual([]);
  });

  it("does not take a following capitalised word as the last group", () => {
    expect(values(ibanDetector, "BE68 5390 0754 7034 ASAP please")).toEqual(["BE68 5390 0754 7034"]);
  });
});

describe("ssnDetector", () => {
  it("finds dashed numbers, and spaced or bare ones next to 'SSN'", () => {
    expect(values(ssnDetector, "SSN: 123-45-6789")).toEqual(["123-45-6789"]);
    expect(values(ssnDetector, "my social security number is 123 45 6789")).toEqual(["123 45 6789"]);
    expect(values(ssnDetector, "ssn 123456789")).toEqual(["123456789"]);
    expect(values(ssnDetector, "id 123-45-6789")).toEqual(["123-45-6789"]);
  });

  it("rejects impossible numbers (000, 666, 9xx areas, 00 group, 0000 serial), bare runs without context and mixed separators", () => {
    const text = "000-12-3456 666-12-3456 900-12-3456 123-00-4567 123-45-0000 123456789 123-45 6789";
    expect(values(ssnDetector, text)).toEqual([]);
  });
});
