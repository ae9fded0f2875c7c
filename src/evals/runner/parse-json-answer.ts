import type { JsonValue } from "../../core/index.js";

/** A model's answer as JSON (a ```json fence stripped); undefined when it does not parse. */
export function parseJsonAnswer(text: string): JsonValue | undefined {
  const trimmed = text.trim();
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i.exec(trimmed);
  try {
    return JSON.parse(fenced ? fenced[1]! : trimmed) as JsonValue;
  } catch {
    return undefined;
  }
}
