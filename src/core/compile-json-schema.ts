import { type ZodType, z } from "zod";

// JSON Schema → zod through zod 4's `z.fromJSONSchema` (no extra dependency), for the router's
// structured-output checks and the evals' `json-schema` scorer. Remote `$ref`s and `if`/`then`/`else`
// cannot be converted and throw.

/**
 * Converts a JSON Schema once; throws when zod cannot represent it. Draft-07 is assumed unless the
 * schema says otherwise (the AI SDK emits draft-07); `#/$defs/…` references resolve only as 2020-12,
 * so that is tried second.
 */
export function compileJsonSchema(schema: object): ZodType {
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
