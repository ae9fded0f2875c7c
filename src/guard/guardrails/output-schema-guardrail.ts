import type { z } from "zod";
import { resolveStages } from "./guardrail-options.js";
import type { Guardrail, GuardrailOutcome, GuardrailStage } from "./guardrail-spec.js";

// The model's answer checked against a zod schema; a mismatch asks the model again with what was wrong.
// Unlike the PII and injection heuristics this check is exact, but it only sees shape, not truth.

export interface OutputSchemaGuardrailOptions {
  /** true (default): the text is JSON (a ```json fence is allowed). false: the schema checks the raw string. */
  json?: boolean;
  /** Default: output. */
  stages?: readonly GuardrailStage[];
  name?: string;
}

// Models like to wrap JSON in a Markdown fence; the body inside is what gets parsed.
function unfence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith("```") || !trimmed.endsWith("```") || trimmed.length < 6) return text;
  const firstLine = trimmed.indexOf("\n");
  if (firstLine === -1) return text;
  const language = trimmed.slice(3, firstLine).trim().toLowerCase();
  if (language !== "" && language !== "json") return text;
  return trimmed.slice(firstLine + 1, -3);
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, 5).map((issue) => {
    const path = issue.path.length === 0 ? "(root)" : issue.path.map(String).join(".");
    return `${path}: ${issue.message}`;
  });
  const more = issues.length > shown.length ? `; and ${issues.length - shown.length} more` : "";
  return shown.join("; ") + more;
}

/** A guardrail that re-asks when the output does not parse or does not match `schema`. */
export function outputSchemaGuardrail(
  schema: z.ZodType,
  options: OutputSchemaGuardrailOptions = {},
): Guardrail {
  const name = options.name ?? "output-schema";
  const stages = resolveStages(name, options.stages, ["output"]);
  const json = options.json ?? true;
  return {
    name,
    stages,
    check(text): GuardrailOutcome {
      let value: unknown = text;
      if (json) {
        const body = unfence(text);
        try {
          value = JSON.parse(body);
        } catch (error) {
          return {
            action: "reask",
            reason: `the answer must be JSON, and it does not parse (${(error as Error).message}); answer with the JSON only`,
            findings: [{ kind: "schema.invalid-json", score: 1 }],
          };
        }
      }
      const parsed = schema.safeParse(value);
      if (parsed.success) return { action: "allow" };
      return {
        action: "reask",
        reason: `the answer does not match the expected schema: ${describeIssues(parsed.error.issues)}`,
        findings: parsed.error.issues.slice(0, 20).map(() => ({ kind: "schema.mismatch", score: 1 })),
      };
    },
  };
}
