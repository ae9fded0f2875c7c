import { describe, expect, it } from "vitest";
import { z } from "zod";
import { synthesiseFromSchema } from "./synthesise-from-schema.js";

describe("synthesiseFromSchema", () => {
  it("builds a value that the original zod schema accepts", () => {
    const schemas = [
      z.object({
        category: z.enum(["billing", "shipping"]),
        urgent: z.boolean(),
        summary: z.string().min(3),
      }),
      z.object({
        count: z.number().int().min(3).max(9),
        score: z.number().gt(0.5),
        tags: z.array(z.string()).min(2),
      }),
      z.object({ when: z.iso.datetime(), email: z.email(), id: z.uuid(), kind: z.literal("ticket") }),
      z.object({
        maybe: z.string().nullable(),
        optional: z.number().optional(),
        nested: z.object({ a: z.number() }),
      }),
      z.object({ either: z.union([z.number(), z.string()]), tuple: z.tuple([z.string(), z.number()]) }),
    ];
    for (const schema of schemas) {
      const value = synthesiseFromSchema(z.toJSONSchema(schema));
      expect(schema.safeParse(value).success, JSON.stringify(value)).toBe(true);
    }
  });

  it("is minimal and deterministic: required fields only, first enum member", () => {
    const jsonSchema = z.toJSONSchema(z.object({ a: z.enum(["x", "y"]), b: z.string().optional() }));
    expect(synthesiseFromSchema(jsonSchema)).toEqual({ a: "x" });
    expect(synthesiseFromSchema(jsonSchema)).toEqual(synthesiseFromSchema(jsonSchema));
  });

  it("follows $ref definitions and stops on recursion", () => {
    type Node = { name: string; children: Node[] };
    const node: z.ZodType<Node> = z.lazy(() => z.object({ name: z.string(), children: z.array(node) }));
    const value = synthesiseFromSchema(z.toJSONSchema(z.object({ root: node })));
    expect(value).toEqual({ root: { name: "", children: [] } });
  });

  it("uses the string chooser for free strings but not for formatted ones", () => {
    const schema = {
      type: "object",
      properties: { query: { type: "string" }, at: { type: "string", format: "date" } },
      required: ["query", "at"],
    };
    expect(synthesiseFromSchema(schema, (name) => `value for ${name}`)).toEqual({
      query: "value for query",
      at: "2026-01-01",
    });
  });
});
