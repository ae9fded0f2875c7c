import { describe, expect, it } from "vitest";
import { GantryError } from "./errors.js";

describe("GantryError", () => {
  const make = () =>
    new GantryError({
      code: "THING_BROKEN",
      message: "the thing broke",
      domain: "CORE",
      category: "USER",
      details: { field: "a.b", count: 2 },
      hint: "fix the thing",
      cause: Object.assign(new Error("low level"), { code: "ENOENT" }),
    });

  it("serialises code, domain, category, details, hint and a summary of the cause", () => {
    expect(JSON.parse(JSON.stringify(make()))).toEqual({
      name: "GantryError",
      code: "THING_BROKEN",
      message: "the thing broke",
      domain: "CORE",
      category: "USER",
      details: { field: "a.b", count: 2 },
      hint: "fix the thing",
      cause: { name: "Error", message: "low level", code: "ENOENT" },
    });
  });

  it("isInstance recognises errors from another copy of the package by the Symbol.for marker", () => {
    const foreign = Object.assign(new Error("x"), { [Symbol.for("gantry.error")]: true });
    expect(GantryError.isInstance(make())).toBe(true);
    expect(GantryError.isInstance(foreign)).toBe(true);
    expect(GantryError.isInstance(new Error("plain"))).toBe(false);
    expect(GantryError.isInstance(null)).toBe(false);
  });

  it("from() keeps GantryErrors and wraps anything else with the cause attached", () => {
    const original = make();
    expect(GantryError.from(original, { code: "X", domain: "CORE", category: "SYSTEM" })).toBe(original);
    const wrapped = GantryError.from(new TypeError("bad"), {
      code: "WRAPPED",
      domain: "STORE",
      category: "SYSTEM",
    });
    expect(wrapped.code).toBe("WRAPPED");
    expect(wrapped.message).toBe("bad");
    expect(wrapped.cause).toBeInstanceOf(TypeError);
  });
});
