import type { RoutingConfig } from "../../core/index.js";
import type { ModelCallResult, ModelRequest } from "../model-call-spec.js";
import { jsonSchemaChecker } from "./json-schema-check.js";
import { unsupportedSchemaError } from "./routing-errors.js";

/** A cascade's validator as configured: a built-in name or the user's function. */
export type CascadeValidatorSetting = RoutingConfig["cascade"][number]["validator"];

/** What a user's validator function receives: the answer's text, and the whole result for anything else. */
export interface CascadeValidatorInput {
  text: string;
  result: ModelCallResult;
}

/** Decides whether a cheap tier's answer is good enough; false escalates the request. */
export type ResultValidator = (result: ModelCallResult) => Promise<boolean>;

/** The answer's text: every text part, concatenated. */
export function resultText(result: Pick<ModelCallResult, "content">): string {
  return result.content
    .filter((part) => part.type === "text")
    .map((part) => part.text)
    .join("");
}

/**
 * The validator for one cascaded request. Built-ins: `non-empty` (some non-whitespace text or a tool
 * call), `json` (the text parses as JSON), `json-schema` (it parses and matches the request's
 * `responseFormat.schema`; without a schema it is `json`). A user function that throws counts as a
 * rejection, so `({ text }) => schema.parse(JSON.parse(text))`-style validators work as written.
 * The schema is converted now, so an unsupported one fails before any model is called.
 */
export function createResultValidator(
  cascade: { name: string; validator: CascadeValidatorSetting },
  request: ModelRequest,
): ResultValidator {
  const { validator } = cascade;
  if (typeof validator === "function") {
    return async (result) => {
      const input: CascadeValidatorInput = { text: resultText(result), result };
      try {
        return (await validator(input)) === true;
      } catch {
        return false;
      }
    };
  }
  switch (validator) {
    case "non-empty":
      return async (result) =>
        result.content.some(
          (part) => (part.type === "text" && part.text.trim().length > 0) || part.type === "tool-call",
        );
    case "json":
      return async (result) => parseJson(resultText(result)).ok;
    case "json-schema": {
      const format = request.responseFormat;
      const schema = format?.type === "json" ? format.schema : undefined;
      if (schema === undefined) return async (result) => parseJson(resultText(result)).ok;
      let check: (value: unknown) => boolean;
      try {
        check = jsonSchemaChecker(schema);
      } catch (error) {
        throw unsupportedSchemaError(cascade.name, error);
      }
      return async (result) => {
        const parsed = parseJson(resultText(result));
        return parsed.ok && check(parsed.value);
      };
    }
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim().length === 0) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
