import type { JsonValue } from "../../core/index.js";

// Models asked for JSON often wrap it in a Markdown fence anyway; the fence is not part of the answer.
const fenced = /^```[A-Za-z]*[ \t]*\r?\n([\s\S]*?)\r?\n?[ \t]*```$/;

/** Parses a model's JSON answer, a surrounding ```json fence allowed; undefined when it is not JSON. */
export function parseJsonOutput(text: string): { value: JsonValue } | undefined {
  const trimmed = text.trim();
  const body = fenced.exec(trimmed)?.[1] ?? trimmed;
  try {
    return { value: JSON.parse(body) as JsonValue };
  } catch {
    return undefined;
  }
}
