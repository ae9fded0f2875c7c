import { describe, expect, it } from "vitest";
import { detect, detectedValues as values } from "../../../test/support/pii-detect.js";
import { secretDetector } from "./pii-secret-detectors.js";

const secrets = (text: string) => values(secretDetector, text);

describe("secretDetector", () => {
  it("finds vendor-prefixed keys", () => {
    const keys = [
      "sk-proj-Xy12AbCdEf34GhIjKl56MnOpQr78",
      "sk-ant-api03-AbCdEf0123456789GhIjKl",
      "gsk_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg",
      "AKIAIOSFODNN7EXAMPLE",
      "ghp_0123456789abcdefghijABCDEFGHIJ012345",
      "xoxb-1234567890-abcdefghij",
      "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
      "AIzaSyA1234567890abcdefghijklmnopqrstuv",
    ];
    expect(secrets(`keys: ${keys.join(" ; ")}`)).toEqual(keys);
    expect(detect(secretDetector, keys[0]!)[0]?.[1]).toBeGreaterThanOrEqual(0.9);
  });

  it("leaves short or embedded look-alikes alone", () => {
    expect(
      secrets("sk-learn, task-management-system-overview, the AKIA prefix, ask-me-anything-about-it-now"),
    ).toEqual([]);
  });

  it("scores a letters-only key shape lower than a real-looking key", () => {
    const [[, shapeOnly]] = detect(secretDetector, "sk-this-is-not-a-real-key-at-all", 0) as [
      [string, number],
    ];
    const [[, real]] = detect(secretDetector, "sk-proj-Xy12AbCdEf34GhIjKl56MnOpQr78", 0) as [
      [string, number],
    ];
    expect(shapeOnly).toBeLessThan(real);
  });
});
