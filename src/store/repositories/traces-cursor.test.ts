import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./traces-cursor.js";

describe("trace cursors", () => {
  it("round-trips a fractional time and any id", () => {
    const cursor = encodeCursor(1_795_000_000_000.125, "trace/ü 1");
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ timeMs: 1_795_000_000_000.125, id: "trace/ü 1" });
  });

  it("refuses anything it did not make, naming the cursor", () => {
    for (const bad of [
      "",
      "abc",
      encodeCursor(1, "x").slice(2),
      Buffer.from('["1","x"]').toString("base64url"),
    ]) {
      expect(() => decodeCursor(bad)).toThrow(expect.objectContaining({ code: "STORE_INVALID_INPUT" }));
    }
  });
});
