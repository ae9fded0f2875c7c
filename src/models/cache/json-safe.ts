import type { JsonValue } from "../../core/index.js";

/**
 * A value as JSON: bytes (`Uint8Array`, as in file parts) become base64 text, which is also how the
 * AI SDK spells file data as a string, so the same file hashes and stores alike either way. Functions
 * and undefined members are dropped, as JSON.stringify does.
 */
export function jsonSafe(value: unknown): JsonValue {
  const text = JSON.stringify(value, (_key, member: unknown) =>
    member instanceof Uint8Array ? Buffer.from(member).toString("base64") : member,
  );
  return text === undefined ? null : (JSON.parse(text) as JsonValue);
}
