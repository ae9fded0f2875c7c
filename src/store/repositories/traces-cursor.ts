import { invalidInput } from "../store-errors.js";

// Listing cursors: the sort key of the last item of a page, as opaque base64url JSON. Callers hand them
// back unchanged; anything else is refused as STORE_INVALID_INPUT naming the cursor.

/** Encodes a (time, id) sort key as an opaque cursor. */
export function encodeCursor(timeMs: number, id: string): string {
  return Buffer.from(JSON.stringify([timeMs, id])).toString("base64url");
}

/** Decodes a cursor made by `encodeCursor`. */
export function decodeCursor(cursor: string): { timeMs: number; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    typeof parsed[0] !== "number" ||
    !Number.isFinite(parsed[0]) ||
    typeof parsed[1] !== "string"
  ) {
    throw invalidInput("cursor", "is not a cursor this store returned; pass nextCursor back unchanged");
  }
  return { timeMs: parsed[0], id: parsed[1] };
}
