import { describe, expect, it } from "vitest";
import { detect, detectedValues as values } from "../../../test/support/pii-detect.js";
import { emailDetector, phoneDetector } from "./pii-contact-detectors.js";

describe("emailDetector", () => {
  it("finds addresses with subdomains, plus tags and mixed case", () => {
    expect(
      values(emailDetector, "Write to Dana.Whitfield+orders@Mail.Example.co.uk, or dana@example.com."),
    ).toEqual(["Dana.Whitfield+orders@Mail.Example.co.uk", "dana@example.com"]);
    expect(detect(emailDetector, "mail: ops@example.io")[0]?.[1]).toBeGreaterThanOrEqual(0.9);
  });

  it("leaves near misses alone: no top-level domain, file names, handles, bare @", () => {
    expect(
      values(emailDetector, "user@localhost, logo@2x.png, @dana, a @ b.com, name@domain, x@y.c"),
    ).toEqual([]);
  });

  it("scores file-name look-alikes below the default threshold rather than not at all", () => {
    expect(detect(emailDetector, "see icon@2x.svg", 0)[0]?.[1]).toBeLessThan(0.5);
  });
});

describe("phoneDetector", () => {
  it("finds international numbers with + or 00", () => {
    expect(
      values(phoneDetector, "Ring +44 20 7946 0958 or +1-415-555-2671 or 0044 20 7946 0958 or +4930123456."),
    ).toEqual(["+44 20 7946 0958", "+1-415-555-2671", "0044 20 7946 0958", "+4930123456"]);
  });

  it("finds North American and trunk-0 national formats", () => {
    expect(
      values(
        phoneDetector,
        "(415) 555-2671 / 415.555.2671 / 1 415 555 2671 / 020 7946 0958 / 06 12 34 56 78",
      ),
    ).toEqual(["(415) 555-2671", "415.555.2671", "1 415 555 2671", "020 7946 0958", "06 12 34 56 78"]);
  });

  it("does not swallow a following number into the phone number", () => {
    expect(values(phoneDetector, "call 415 555 2671 2 times")).toEqual(["415 555 2671"]);
  });

  it("leaves dates, times, versions, amounts, order numbers and short numbers alone", () => {
    const text =
      "On 2024-01-15 at 10.30 version 4.2.1 cost 1,299.00 for order 1234567890, room 4021, ticket 55-102.";
    expect(values(phoneDetector, text)).toEqual([]);
  });

  it("trusts a bare ten-digit run only when a word like 'phone' precedes it", () => {
    expect(values(phoneDetector, "order 4155552671 shipped")).toEqual([]);
    expect(values(phoneDetector, "my mobile: 4155552671")).toEqual(["4155552671"]);
  });
});
