import type { Context } from "hono";
import { type Clock, type GantryError, systemClock } from "../../core/index.js";
import { logServerError, serverErrorOf, statusForError } from "../error-response.js";

/** OpenAI's error body, plus Gantry's hint when there is one (clients ignore fields they do not know). */
export interface OpenAiErrorBody {
  error: { message: string; type: string; code: string; param: string | null; hint?: string };
}

/** OpenAI's error `type` for an HTTP status. */
export function openAiErrorType(status: number): string {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "api_error";
  return "invalid_request_error";
}

/** A GantryError in OpenAI's shape; `code` is Gantry's stable code, so the two APIs name errors alike. */
export function openAiErrorBody(error: GantryError, status = statusForError(error)): OpenAiErrorBody {
  const param = error.details.param;
  return {
    error: {
      message: error.message,
      type: openAiErrorType(status),
      code: error.code,
      param: typeof param === "string" ? param : null,
      ...(error.hint ? { hint: error.hint } : {}),
    },
  };
}

/**
 * Seconds a client should wait, from an error's details: `retryAfterSeconds`, `retryAfterMs`, or
 * `retryAt` (an ISO time, as MODEL_CALL_FAILED gives when the provider asked for a pause).
 */
export function retryAfterSeconds(error: GantryError, now: number): number | undefined {
  const { retryAfterSeconds: seconds, retryAfterMs: milliseconds, retryAt } = error.details;
  if (typeof seconds === "number") return Math.max(1, Math.ceil(seconds));
  if (typeof milliseconds === "number") return Math.max(1, Math.ceil(milliseconds / 1000));
  if (typeof retryAt === "string" && !Number.isNaN(Date.parse(retryAt)))
    return Math.max(1, Math.ceil((Date.parse(retryAt) - now) / 1000));
  return undefined;
}

/**
 * The gateway's error response: same status as the rest of the API (statusForError), OpenAI's body,
 * and `Retry-After` on 429s, so OpenAI clients raise their usual error classes and back off.
 */
export function openAiErrorResponse(context: Context, thrown: unknown, clock: Clock = systemClock): Response {
  const error = serverErrorOf(thrown);
  const status = statusForError(error);
  logServerError(context, status, thrown);
  const wait = status === 429 || status >= 502 ? retryAfterSeconds(error, clock.now()) : undefined;
  if (wait !== undefined) context.header("retry-after", String(wait));
  return context.json(openAiErrorBody(error, status), status);
}
