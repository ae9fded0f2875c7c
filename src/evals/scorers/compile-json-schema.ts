import { compileJsonSchema } from "../../core/index.js";

// JSON Schema validation for the `json-schema` scorer through core's compileJsonSchema (zod 4), so there is
// no extra dependency: type, properties, required, additionalProperties, enum, const, items,
// min/max (length, items, value), pattern, format, anyOf/oneOf/allOf, not and local `$ref`s. Remote
// `$ref`s and `if`/`then`/`else` are rejected when the suite is loaded.

/** Why a schema cannot be used, or undefined when it can. */
export function jsonSchemaProblem(schema: Record<string, unknown>): string | undefined {
  try {
    compileJsonSchema(schema);
    return undefined;
  } catch (error) {
    return `is not a JSON Schema this scorer supports: ${error instanceof Error ? error.message : String(error)}`;
  }
}
