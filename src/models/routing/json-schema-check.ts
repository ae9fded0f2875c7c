import type { JSONSchema7 } from "@ai-sdk/provider";
import type { ZodType } from "zod";
import { compileJsonSchema } from "../../core/index.js";

// JSON Schema checks through core's compileJsonSchema (zod 4, no extra dependency). Converted schemas are
// kept per schema object, since a workspace sends the same schema object on every call.
const converted = new WeakMap<object, ZodType>();

/**
 * A checker for one JSON Schema. Throws when the schema cannot be converted (e.g. `if`/`then`/`else`,
 * remote `$ref`s); draft-07 is assumed unless the schema says otherwise, as the AI SDK emits draft-07.
 */
export function jsonSchemaChecker(schema: JSONSchema7): (value: unknown) => boolean {
  let checker = converted.get(schema);
  if (checker === undefined) {
    checker = compileJsonSchema(schema);
    converted.set(schema, checker);
  }
  const zodSchema = checker;
  return (value) => zodSchema.safeParse(value).success;
}
