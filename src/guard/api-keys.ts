import { randomBytes } from "node:crypto";
import { GantryError, sha256Hex } from "../core/index.js";

/**
 * Scopes an API key can carry. `admin` implies every other scope. `release` moves protected prompt
 * labels (`production`): shipping a prompt is a separate permission from pushing one, so `write` does
 * not imply it.
 */
export const apiKeyScopes = ["admin", "read", "write", "gateway", "release"] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

const keyPrefix = "gsk_";
const secretPattern = /^gsk_[A-Za-z0-9_-]{43}$/;

/** A freshly minted key: `secret` is shown once to the user; only `secretHash` is stored. */
export interface MintedApiKey {
  secret: string;
  secretHash: string;
  /** Enough of the key to recognise it in listings, too little to use it. */
  prefix: string;
}

/** Mints a random 256-bit key (`gsk_` + 43 base64url characters). */
export function mintApiKey(): MintedApiKey {
  const secret = keyPrefix + randomBytes(32).toString("base64url");
  return { secret, secretHash: hashApiKey(secret), prefix: secret.slice(0, 12) };
}

/** The stored form of a key. The key has 256 bits of entropy, so a plain sha256 cannot be brute-forced. */
export function hashApiKey(secret: string): string {
  return sha256Hex(secret);
}

/** True when text has the shape of a Gantry API key (cheap pre-check before a store lookup). */
export function looksLikeApiKey(text: string): boolean {
  return secretPattern.test(text);
}

/** Validates scope names given on the command line or the API. */
export function parseScopes(input: string | readonly string[]): ApiKeyScope[] {
  const names = (typeof input === "string" ? input.split(",") : [...input])
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) {
    throw new GantryError({
      code: "API_KEY_SCOPES_EMPTY",
      message: "An API key needs at least one scope",
      domain: "AUTH",
      category: "USER",
      hint: `Pass --scopes with some of: ${apiKeyScopes.join(", ")}`,
    });
  }
  const unknown = names.filter((name) => !(apiKeyScopes as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new GantryError({
      code: "API_KEY_SCOPE_UNKNOWN",
      message: `Unknown scope${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`,
      domain: "AUTH",
      category: "USER",
      details: { unknown, known: [...apiKeyScopes] },
      hint: `Known scopes: ${apiKeyScopes.join(", ")}`,
    });
  }
  return [...new Set(names)] as ApiKeyScope[];
}

/** True when a key with `granted` scopes may act with `needed`. */
export function scopeAllows(granted: readonly string[], needed: ApiKeyScope): boolean {
  if (granted.includes("admin")) return true;
  if (granted.includes(needed)) return true;
  // A key that may write, or release, may also read.
  return needed === "read" && (granted.includes("write") || granted.includes("release"));
}
