import { createHash } from "node:crypto";
import { GantryError } from "./errors.js";

/**
 * Deterministic JSON: object keys sorted by code point, no whitespace, `undefined` members dropped
 * (as JSON.stringify does). Two equal values always give the same text, so their hashes match.
 */
export function canonicalJson(value: unknown): string {
  return write(value, []);
}

function write(value: unknown, path: string[]): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw notJson(path, `number ${value}`);
      return JSON.stringify(value);
    case "bigint":
      return JSON.stringify(value.toString());
    case "object": {
      const withJson = value as { toJSON?: () => unknown };
      if (typeof withJson.toJSON === "function") return write(withJson.toJSON(), path);
      if (Array.isArray(value)) {
        return `[${value.map((item, index) => (item === undefined ? "null" : write(item, [...path, String(index)]))).join(",")}]`;
      }
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, member]) => member !== undefined && typeof member !== "function")
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${write(member, [...path, key])}`).join(",")}}`;
    }
    default:
      throw notJson(path, typeof value);
  }
}

function notJson(path: string[], what: string): GantryError {
  return new GantryError({
    code: "NOT_JSON_SERIALISABLE",
    message: `Cannot hash a ${what} at ${path.length ? path.join(".") : "(root)"}: only JSON values can be hashed`,
    domain: "CORE",
    category: "USER",
    details: { path: path.join(".") },
  });
}

/** Hex sha256 of text or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Hex sha256 of a value's canonical JSON: the content hash used for prompts, datasets, policies. */
export function hashJson(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
