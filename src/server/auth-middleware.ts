import type { MiddlewareHandler } from "hono";
import { GantryError, isoNow } from "../core/index.js";
import { type ApiKeyScope, hashApiKey, looksLikeApiKey, scopeAllows } from "../guard/index.js";
import type { ApiKeyRecord } from "../store/index.js";
import type { ServerContext } from "./server-context.js";

export type AuthVariables = { apiKey: ApiKeyRecord | undefined };

/** The scope a request needs, or several of which any one will do. */
export type ScopeNeeded = ApiKeyScope | readonly ApiKeyScope[];

// Whether any key exists is asked of the store at most once a second: cheap, and a key created
// with `gantry keys create` while the server runs takes effect within that second.
const keyCountTtlMs = 1000;

/** Reads `Authorization: Bearer <key>` (or `x-api-key`) and checks it when keys are in force. */
export function authMiddleware(
  context: ServerContext,
  scopeFor: (method: string, path: string) => ScopeNeeded,
): MiddlewareHandler<{ Variables: AuthVariables }> {
  let knownActiveKeys = 0;
  let checkedAt = Number.NEGATIVE_INFINITY;

  async function keysInForce(): Promise<boolean> {
    if (context.requireKeys) return true;
    const now = context.clock.now();
    if (now - checkedAt > keyCountTtlMs) {
      knownActiveKeys = await context.store.apiKeys.countActive(isoNow(context.clock));
      checkedAt = now;
    }
    return knownActiveKeys > 0;
  }

  return async (c, next) => {
    const presented = presentedKey(c.req.header("authorization"), c.req.header("x-api-key"));
    // OpenAI SDKs refuse to run without an API key, so clients of an open gateway send placeholders
    // ("sk-local", "none"): while no key is in force, anything that is not a Gantry key is ignored.
    const placeholder = presented !== undefined && !looksLikeApiKey(presented);
    if ((!presented || placeholder) && !(await keysInForce())) {
      c.set("apiKey", undefined);
      return next();
    }
    if (!presented) {
      throw authError(
        "AUTH_REQUIRED",
        "This endpoint needs an API key",
        "Send `Authorization: Bearer gsk_…`.",
      );
    }
    const record = looksLikeApiKey(presented)
      ? await context.store.apiKeys.findActiveByHash(hashApiKey(presented), isoNow(context.clock))
      : undefined;
    if (!record) {
      throw authError(
        "AUTH_INVALID_KEY",
        "The API key is not valid: unknown, revoked or expired",
        "Create a key with `gantry keys create --name <name> --scopes read`.",
      );
    }
    const needed = scopeFor(c.req.method, c.req.path);
    const anyOf = typeof needed === "string" ? [needed] : needed;
    if (!anyOf.some((scope) => scopeAllows(record.scopes, scope))) {
      throw new GantryError({
        code: "AUTH_SCOPE_MISSING",
        message: `This key (${record.prefix}…) lacks the ${anyOf.map((scope) => `'${scope}'`).join(" or ")} scope for ${c.req.method} ${c.req.path}`,
        domain: "AUTH",
        category: "USER",
        details: { needed: typeof needed === "string" ? needed : [...needed], granted: record.scopes },
      });
    }
    c.set("apiKey", record);
    // last-used is for humans auditing keys; minute precision spares a write on every request.
    const lastUsed = record.lastUsedAt ? Date.parse(record.lastUsedAt) : Number.NEGATIVE_INFINITY;
    if (context.clock.now() - lastUsed > 60_000)
      await context.store.apiKeys.touch(record.id, isoNow(context.clock));
    return next();
  };
}

function presentedKey(
  authorization: string | undefined,
  apiKeyHeader: string | undefined,
): string | undefined {
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1] ?? authorization.trim();
  }
  return apiKeyHeader?.trim() || undefined;
}

function authError(code: string, message: string, hint: string): GantryError {
  return new GantryError({ code, message, domain: "AUTH", category: "USER", hint });
}

// Moving a prompt label is a release as much as a write: a `release` key may move any label, a `write`
// key the unprotected ones (the registry refuses protected labels without `release` or `admin`).
const promptLabelPath = /^\/api\/v1\/prompts\/[^/]+\/labels\/[^/]+$/;

/**
 * Scope needed by a request: the gateway needs `gateway`; reads need `read`, writes `write`; a prompt
 * label move `write` or `release`.
 */
export function defaultScopeFor(method: string, path: string): ScopeNeeded {
  // OTLP ingest writes traces into the store; it is not a model call.
  if (path === "/v1/traces") return "write";
  if (method === "PUT" && promptLabelPath.test(path)) return ["write", "release"];
  if (path.startsWith("/v1/")) return "gateway";
  return method === "GET" || method === "HEAD" ? "read" : "write";
}
