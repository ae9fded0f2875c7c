import { describe, expect, it } from "vitest";
import { parseRetryAfterMs } from "./parse-retry-after.js";

const now = Date.UTC(2026, 10, 24, 12, 0, 0);

describe("parseRetryAfterMs", () => {
  it("reads delay-seconds, whole and fractional", () => {
    expect(parseRetryAfterMs({ "retry-after": "30" }, now)).toBe(30_000);
    expect(parseRetryAfterMs({ "retry-after": "1.5" }, now)).toBe(1_500);
    expect(parseRetryAfterMs({ "retry-after": "0" }, now)).toBe(0);
  });

  it("prefers retry-after-ms over retry-after", () => {
    expect(parseRetryAfterMs({ "retry-after-ms": "250", "retry-after": "30" }, now)).toBe(250);
    expect(parseRetryAfterMs({ "retry-after-ms": "12.6" }, now)).toBe(13);
  });

  it("reads an HTTP date against the injected now", () => {
    const in45Seconds = new Date(now + 45_000).toUTCString(); // "Tue, 24 Nov 2026 12:00:45 GMT"
    expect(parseRetryAfterMs({ "retry-after": in45Seconds }, now)).toBe(45_000);
    expect(parseRetryAfterMs({ "retry-after": "Tue, 24 Nov 2026 12:02:00 GMT" }, now)).toBe(120_000);
  });

  it("treats a date in the past as no wait", () => {
    expect(parseRetryAfterMs({ "retry-after": new Date(now - 10_000).toUTCString() }, now)).toBe(0);
  });

  it("finds the header whatever its case", () => {
    expect(parseRetryAfterMs({ "Retry-After": "2" }, now)).toBe(2_000);
  });

  it("ignores missing, empty, negative and unreadable values", () => {
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
    expect(parseRetryAfterMs({}, now)).toBeUndefined();
    expect(parseRetryAfterMs({ "retry-after": "" }, now)).toBeUndefined();
    expect(parseRetryAfterMs({ "retry-after": "-5" }, now)).toBeUndefined();
    expect(parseRetryAfterMs({ "retry-after": "soon" }, now)).toBeUndefined();
    expect(parseRetryAfterMs({ "retry-after": "12abc" }, now)).toBeUndefined();
    expect(parseRetryAfterMs({ "retry-after-ms": "NaN", "retry-after": "3" }, now)).toBe(3_000);
  });
});
