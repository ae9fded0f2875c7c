// Tool arguments and results are opt-in span content (they may hold personal data and secrets). When a
// user opts in, they pass through the default redaction first and then the user's own redactor, and
// are serialised to bounded JSON text (OTLP attributes carry no nested objects portably).

/** What is being redacted, so a user's redactor can treat tools differently. */
export interface RedactionTarget {
  field: "arguments" | "result";
  tool: string;
}

/** Returns the value to record (a redacted copy), or `undefined` to record nothing. */
export type Redactor = (value: unknown, target: RedactionTarget) => unknown;

export const redactedText = "[REDACTED]";

// Object keys whose values are always masked, compared without case or separators (`api_key`,
// `apiKey`, `X-Api-Key`) and by suffix (`accessToken`, `clientSecret`), but not `maxTokens`.
const sensitiveKeySuffixes = [
  "password",
  "passwd",
  "passphrase",
  "secret",
  "token",
  "apikey",
  "authorization",
  "cookie",
  "credential",
  "credentials",
  "privatekey",
];

function isSensitiveKey(key: string): boolean {
  const normalised = key.toLowerCase().replace(/[-_.\s]/g, "");
  return normalised === "pwd" || sensitiveKeySuffixes.some((suffix) => normalised.endsWith(suffix));
}

// Secrets recognisable inside free text: bearer tokens, provider keys, AWS access keys, JWTs.
const sensitiveText = [
  /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/g,
  /\b(sk|pk|rk)-[A-Za-z0-9_-]{16,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
];

function redactText(text: string): string {
  let result = text;
  for (const pattern of sensitiveText) result = result.replace(pattern, redactedText);
  return result;
}

/** Masks values under sensitive keys and secrets inside strings, at any depth; never mutates its input. */
export function defaultRedact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return value;
  // Deep structures are cut rather than walked forever (and cycles end here too).
  if (depth >= 16) return "[TRUNCATED]";
  if (Array.isArray(value)) return value.map((item) => defaultRedact(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isSensitiveKey(key) ? redactedText : defaultRedact(item, depth + 1);
  }
  return copy;
}

/** JSON text of a redacted value, cut to `maxLength` characters; undefined when nothing should be recorded. */
export function serialiseRedacted(
  value: unknown,
  target: RedactionTarget,
  redactor: Redactor | undefined,
  maxLength: number,
): string | undefined {
  let redacted = defaultRedact(value);
  if (redactor) redacted = redactor(redacted, target);
  if (redacted === undefined) return undefined;
  let text: string;
  try {
    text = typeof redacted === "string" ? redacted : JSON.stringify(redacted);
  } catch {
    // A value JSON cannot hold (a BigInt, a cycle past the depth cut) is described, not thrown.
    text = `[unserialisable ${typeof redacted}]`;
  }
  if (text === undefined) return undefined;
  return text.length > maxLength ? `${text.slice(0, maxLength)}…[truncated]` : text;
}
