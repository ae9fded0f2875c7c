import { describe, expect, it } from "vitest";
import { canonicalJson, hashJson, sha256Hex } from "./canonical-json.js";
import { GantryError } from "./errors.js";

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("gives equal hashes for equal values written in different orders", () => {
    expect(hashJson({ x: 1, y: [1, 2] })).toBe(hashJson({ y: [1, 2], x: 1 }));
    expect(hashJson({ x: 1 })).not.toBe(hashJson({ x: 2 }));
  });

  it("refuses values JSON cannot carry, naming where", () => {
    try {
      canonicalJson({ a: { b: Number.NaN } });
      expect.unreachable();
    } catch (error) {
      expect(GantryError.isInstance(error)).toBe(true);
      expect((error as GantryError).message).toContain("a.b");
    }
  });

  it("sha256Hex matches a known vector", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
