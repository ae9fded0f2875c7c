import { canonicalJson, type JsonValue } from "../../core/index.js";
import { evaluateJsonPath, parseJsonOutput } from "../../prompts/index.js";
import type { CaseOutput } from "../eval-spec.js";

// How scorers read an output: as text (contains, regex), as JSON (equals with a path, schemas) or at a
// JSON path. Paths are the prompt contracts' dialect; the leading `$.` may be left out (`category`).

/** `category` → `$.category`; `$…` and `[0]…` are kept. */
export function toJsonPath(path: string): string {
  if (path.startsWith("$")) return path;
  return path.startsWith("[") ? `$${path}` : `$.${path}`;
}

/** The output as JSON: the parsed answer, or its text parsed (a ```json fence allowed); undefined when not JSON. */
export function outputJson(output: CaseOutput): { value: JsonValue } | undefined {
  if (typeof output.output !== "string") return { value: output.output };
  return parseJsonOutput(output.output) ?? parseJsonOutput(output.text);
}

/** The output as text: the answer's text, else its JSON. */
export function outputText(output: CaseOutput): string {
  if (output.text !== "") return output.text;
  return typeof output.output === "string" ? output.output : JSON.stringify(output.output);
}

/**
 * The value `path` leads to: undefined when it is absent; with `[*]`, the list of values found.
 */
export function valueAt(value: JsonValue, path: string): JsonValue | undefined {
  const matches = evaluateJsonPath(value, toJsonPath(path));
  if (path.includes("[*]")) return matches.filter((match) => match.found).map((match) => match.value!);
  const [match] = matches;
  return match?.found ? match.value : undefined;
}

/** A value as text for comparing (strings as they are, the rest as JSON). */
export function asText(value: JsonValue): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

// Strings are compared trimmed, at any depth: a trailing newline is not a different answer.
function trimmed(value: JsonValue): JsonValue {
  if (typeof value === "string") return value.trim();
  if (Array.isArray(value)) return value.map(trimmed);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, trimmed(member)]));
  }
  return value;
}

/** Deep equality of JSON values, object key order ignored and strings trimmed. */
export function jsonEquals(a: JsonValue, b: JsonValue): boolean {
  return canonicalJson(trimmed(a)) === canonicalJson(trimmed(b));
}
