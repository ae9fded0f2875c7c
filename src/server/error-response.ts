import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { GantryError } from "../core/index.js";

// The request is fine but the resource is in the wrong state (a finished run cannot be resumed).
const conflictCodes = new Set([
  "RUN_NOT_RESUMABLE",
  "APPROVAL_ALREADY_DECIDED",
  // A pushed version string already names other content: versions are immutable.
  "PROMPT_VERSION_CONFLICT",
  "ALERT_ALREADY_RESOLVED",
  // A dataset already has a case with that id, or from that trace.
  "EVAL_CASE_EXISTS",
]);

/** HTTP status for an error: the code decides first, then the category. */
export function statusForError(error: GantryError): ContentfulStatusCode {
  if (error.code === "AUTH_REQUIRED" || error.code === "AUTH_INVALID_KEY") return 401;
  // A protected prompt label needs the release scope: the key is known, it may not do this.
  if (error.code === "AUTH_SCOPE_MISSING" || error.code === "PROMPT_LABEL_FORBIDDEN") return 403;
  if (error.code.endsWith("_NOT_FOUND")) return 404;
  if (error.code === "REQUEST_TOO_LARGE") return 413;
  if (conflictCodes.has(error.code)) return 409;
  // Understood and allowed, but the candidate failed a check the label requires (a prompt gate).
  if (error.code === "PROMPT_GATE_FAILED") return 422;
  if (error.code.endsWith("_RATE_LIMITED") || everyAttemptRateLimited(error)) return 429;
  if (error.category === "USER") return 400;
  if (error.category === "THIRD_PARTY") return 502;
  return 500;
}

// A model call whose every attempt was refused with 429 is the provider's rate limit, passed on as
// such (with Retry-After when the provider gave one), so clients back off rather than report an outage.
function everyAttemptRateLimited(error: GantryError): boolean {
  const attempts = error.details.attempts;
  if (error.code !== "MODEL_CALL_FAILED" || !Array.isArray(attempts)) return false;
  // details.attempts is ModelAttempt[] as JSON; skipped candidates carry no status.
  const statuses = (attempts as Array<{ error?: { statusCode?: number } }>)
    .map((attempt) => attempt.error?.statusCode)
    .filter((status) => status !== undefined);
  return statuses.length > 0 && statuses.every((status) => status === 429);
}

/** A thrown value as the GantryError the server answers with; anything unexpected is INTERNAL_ERROR. */
export function serverErrorOf(thrown: unknown): GantryError {
  return GantryError.isInstance(thrown)
    ? thrown
    : new GantryError({
        code: "INTERNAL_ERROR",
        message: "The server failed to handle this request; see the server log",
        domain: "SERVER",
        category: "SYSTEM",
        cause: thrown,
      });
}

/** Logs what the client will not see: the cause of a 5xx, with the request it failed. */
export function logServerError(context: Context, status: number, thrown: unknown): void {
  if (status < 500) return;
  const where = `[gantry] ${context.req.method} ${context.req.path}:`;
  // A provider outage is news, not a bug: one line each, without our stack.
  if (GantryError.isInstance(thrown) && thrown.category === "THIRD_PARTY")
    console.error(where, `${thrown.code}: ${thrown.message}`);
  else console.error(where, thrown);
}

/** Every error leaves the server as `{ "error": GantryErrorJSON }`; internals never leak a stack. */
export function errorResponse(context: Context, thrown: unknown): Response {
  const error = serverErrorOf(thrown);
  const status = statusForError(error);
  logServerError(context, status, thrown);
  const body = error.toJSON();
  // Causes of internal errors can carry paths or SQL; keep them in the log, not on the wire.
  if (status >= 500) delete body.cause;
  return context.json({ error: body }, status);
}
