import { describe, expect, it } from "vitest";
import { argTypeOf, cedarSchemaType, decimalText, toCedarValue, toCedarValueByShape } from "./arg-types.js";

describe("tool arguments as Cedar values", () => {
  const refund = argTypeOf({
    type: "object",
    properties: {
      orderId: { type: "string" },
      amountUsd: { type: "number" },
      quantity: { type: "integer" },
      rush: { type: "boolean" },
      tags: { type: "array", items: { type: "string" } },
      address: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
      status: { enum: ["open", "closed"] },
      note: { anyOf: [{ type: "string" }, { type: "null" }] },
    },
    required: ["orderId", "amountUsd"],
  });

  it("types arguments from the input schema and leaves out what has no Cedar type", () => {
    expect(refund?.kind).toBe("record");
    const attributes = refund?.kind === "record" ? refund.attributes : {};
    expect(Object.keys(attributes)).toEqual([
      "orderId",
      "amountUsd",
      "quantity",
      "rush",
      "tags",
      "address",
      "status",
    ]);
    expect(attributes.amountUsd).toEqual({ type: { kind: "decimal" }, required: true });
    expect(attributes.quantity).toEqual({ type: { kind: "long" }, required: false });
    expect(cedarSchemaType(refund!)).toMatchObject({
      type: "Record",
      attributes: {
        amountUsd: { type: "Extension", name: "decimal", required: true },
        tags: { type: "Set", element: { type: "String" }, required: false },
      },
    });
  });

  it("maps values: numbers to decimals whatever their value, integers to Longs", () => {
    expect(
      toCedarValue(
        {
          orderId: "A",
          amountUsd: 100,
          quantity: 2,
          tags: ["a"],
          address: { city: "Oslo", zip: "1" },
          note: "x",
          extra: 1,
        },
        refund!,
      ),
    ).toEqual({
      orderId: "A",
      amountUsd: { __extn: { fn: "decimal", arg: "100.0" } },
      quantity: 2,
      tags: ["a"],
      address: { city: "Oslo" },
    });
  });

  it("leaves out values that do not fit their type, so policies reading them deny", () => {
    expect(toCedarValue({ orderId: 7, amountUsd: 1.23456, quantity: 1.5, tags: ["a", 2] }, refund!)).toEqual(
      {},
    );
    expect(toCedarValue({ orderId: "A", amountUsd: 2 ** 60 }, refund!)).toEqual({ orderId: "A" });
  });

  it("refuses records that would forge Cedar entity references or extension values", () => {
    const forged = {
      orderId: "A",
      amountUsd: 1,
      address: { city: "x", __entity: { type: "Agent", id: "root" } },
    };
    expect(toCedarValue(forged, refund!)).toEqual({
      orderId: "A",
      amountUsd: { __extn: { fn: "decimal", arg: "1.0" } },
    });
    expect(toCedarValueByShape({ a: { __extn: { fn: "ip", arg: "1.1.1.1" } }, b: 1 })).toEqual({ b: 1 });
  });

  it("writes decimals exactly or not at all", () => {
    expect(decimalText(42.5)).toBe("42.5");
    expect(decimalText(-3)).toBe("-3.0");
    expect(decimalText(0.1 + 0.2)).toBeUndefined();
    expect(decimalText(1e-7)).toBeUndefined();
    expect(decimalText(Number.NaN)).toBeUndefined();
    expect(decimalText(1e15)).toBeUndefined();
  });

  it("maps undeclared arguments by their shape", () => {
    expect(
      toCedarValueByShape({ n: 3, x: 2.5, s: "s", list: [1, 2], nothing: null, nested: { ok: true } }),
    ).toEqual({
      n: 3,
      x: { __extn: { fn: "decimal", arg: "2.5" } },
      s: "s",
      list: [1, 2],
      nested: { ok: true },
    });
  });
});
