import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import { GantryError } from "../../core/index.js";
import type { AuthVariables } from "../auth-middleware.js";
import type { RateLimiter, RateLimitSubject } from "./rate-limiter.js";

/**
 * Counts each gateway request against its API key (or, with keys off, the client's address) and
 * answers 429 with `Retry-After` past the limit. Sets OpenAI's `x-ratelimit-*-requests` headers.
 */
export function rateLimitMiddleware(limiter: RateLimiter): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const key = c.get("apiKey");
    const subject: RateLimitSubject = key
      ? { bucket: `key:${key.id}`, keyName: key.name }
      : { bucket: `address:${clientAddress(c)}` };
    const decision = limiter.take(subject);
    if (decision.limit > 0) {
      c.header("x-ratelimit-limit-requests", String(decision.limit));
      c.header("x-ratelimit-remaining-requests", String(decision.remaining));
    }
    if (!decision.allowed) {
      const who = key ? `API key '${key.name}' (${key.prefix}…)` : `client ${clientAddress(c)}`;
      throw new GantryError({
        code: "GATEWAY_RATE_LIMITED",
        message: `Rate limit reached for ${who}: ${decision.limit} requests per minute`,
        domain: "SERVER",
        category: "USER",
        details: { limit: decision.limit, retryAfterMs: decision.retryAfterMs },
        hint: "Wait for Retry-After seconds, or raise server.rateLimits in gantry.config.ts.",
      });
    }
    return next();
  };
}

// Requests built in-process (app.request in tests) have no socket: they share one bucket.
function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}
