import type { z } from "zod";
import type { JsonValue } from "../core/index.js";

// Structured output: parse the model's final text, repairing what is mechanically repairable (code
// fences, prose around the JSON) before judging it against the schema. What stays invalid is re-asked.

export type FinalOutputCheck = { ok: true; value: JsonValue } | { ok: false; problems: string };

function candidates(text: string): string[] {
  const trimmed = text.trim();
  const found = [trimmed];
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(trimmed);
  if (fenced?.[1]) found.push(fenced[1].trim());
  const start = trimmed.search(/[[{]/);
  const end = Math.max(trimmed.lastIndexOf("}"), trimmed.lastIndexOf("]"));
  if (start >= 0 && end > start) found.push(trimmed.slice(start, end + 1));
  return found;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(root)"}: ${issue.message}`)
    .join("; ");
}

/** Parses and validates a final answer; `problems` is written for the model to correct itself. */
export function checkFinalOutput(text: string, schema: z.ZodType): FinalOutputCheck {
  let lastProblem = "the answer is not JSON";
  for (const candidate of candidates(text)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(candidate);
    } catch {
      continue;
    }
    const result = schema.safeParse(parsed);
    if (result.success)
      return { ok: true, value: JSON.parse(JSON.stringify(result.data ?? null)) as JsonValue };
    lastProblem = describeIssues(result.error);
  }
  return { ok: false, problems: lastProblem };
}

/** The message that re-asks the model after an invalid answer. */
export function repairRequest(problems: string): string {
  return `Your last answer did not match the required JSON schema (${problems}). Reply again with only the JSON object, matching the schema exactly.`;
}
