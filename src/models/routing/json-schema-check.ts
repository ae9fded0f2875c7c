import type { JSONSchema7 } from "@ai-sdk/provider";
import { type ZodType, z } from "zod";

// JSON Schema checks through zod 4's `z.fromJSONSchema` (no extra dependency). Converted schemas are
// kept per schema object, since a workspace sends the same schema object on every call.
const converted = new WeakMap<object, ZodType>();

/**
 * A checker for one JSON Schema. Throws when the schema cannot be converted (e.g. `if`/`then`/`else`,
 * remote `$ref`s); draft-07 is assumed unless the schema says otherwise, as the AI SDK emits draft-07.
 */
export function jsonSchemaChecker(schema: JSONSchema7): (value: unknown) => boolean {
  let checker = converted.get(schema);
  if (checker === undefined) {
    checker = convert(schema);
    converted.set(schema, checker);
  }
  const zodSchema = checker;
  return (value) => zodSchema.safeParse(value).success;
}

function convert(schema: JSONSchema7): ZodType {
  // `fromJSONSchema` resolves `#/definitions/…` only as draft-07 and `#/$defs/…` only as 2020-12.
  const input = schema as Parameters<typeof z.fromJSONSchema>[0];
  try {
    return z.fromJSONSchema(input, { defaultTarget: "draft-7" });
  } catch (draft7Error) {
    try {
      return z.fromJSONSchema(input, { defaultTarget: "draft-2020-12" });
    } catch {
      throw draft7Error;
    }
  }
}
