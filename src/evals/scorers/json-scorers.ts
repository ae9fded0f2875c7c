import { compileJsonSchema } from "../../core/index.js";
import { snippet } from "../../prompts/index.js";
import { binary, type Check } from "./check-scorer.js";
import { outputJson, outputText } from "./output-values.js";
import type { ScorerParams } from "./scorer-spec-schema.js";

// Whether the output is JSON at all (a ```json fence allowed), and whether it fits a JSON Schema.

const maxListedIssues = 3;

export function isJsonCheck(): Check {
  return ({ output }) =>
    outputJson(output) === undefined
      ? binary(false, `not JSON: ${snippet(outputText(output))}`)
      : binary(true, "the output is JSON");
}

export function jsonSchemaCheck(spec: ScorerParams<"json-schema">): Check {
  const schema = compileJsonSchema(spec.schema);
  return ({ output }) => {
    const json = outputJson(output);
    if (json === undefined) return binary(false, `not JSON: ${snippet(outputText(output))}`);
    const parsed = schema.safeParse(json.value);
    if (parsed.success) return binary(true, "the output fits the schema");
    const issues = parsed.error.issues.map(
      (issue) =>
        `${["$", ...issue.path.map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`))].join("")}: ${issue.message}`,
    );
    const more = issues.length > maxListedIssues ? ` (and ${issues.length - maxListedIssues} more)` : "";
    return binary(false, `${issues.slice(0, maxListedIssues).join("; ")}${more}`);
  };
}
