import { type ZodType, z } from "zod";

// JSON Schema validation for the `json-schema` scorer through zod 4's `z.fromJSONSchema`, so there is
// no extra dependency: type, properties, required, additionalProperties, enum, const, items,
// min/max (length, items, value), pattern, format, anyOf/oneOf/allOf, not and local `$ref`s. Remote
// `$ref`s and `if`/`then`/`else` are rejected when the suite is loaded.

/** Converts a JSON Schema once; throws when zod cannot represent it. */
export function compileJsonSchema(schema: Record<string, unknown>): ZodType {
  const input = schema as Parameters<typeof z.fromJSONSchema>[0];
  try {
    return z.fromJSONSchema(input, { defaultTarget: "draft-7" });
  } catch (draft7Error) {
    // `#/$defs/…` references resolve only as 2020-12.
    try {
      return z.fromJSONSchema(input, { defaultTarget: "draft-2020-12" });
    } catch {
      throw draft7Error;
    }
  }
}

/** Why a schema cannot be used, or undefined when it can. */
export function jsonSchemaProblem(schema: Record<string, unknown>): string | undefined {
  try {
    compileJsonSchema(schema);
    return undefined;
  } catch (error) {
    return `is not a JSON Schema this scorer supports: ${error instanceof Error ? error.message : String(error)}`;
  }
}
