import {
  APICallError,
  EmptyResponseBodyError,
  InvalidArgumentError,
  InvalidPromptError,
  InvalidResponseDataError,
  JSONParseError,
  LoadAPIKeyError,
  LoadSettingError,
  NoContentGeneratedError,
  NoSuchModelError,
  TypeValidationError,
  UnsupportedFunctionalityError,
} from "@ai-sdk/provider";
import { GantryError } from "../../core/index.js";
import type { AttemptError } from "../model-call-spec.js";
import { parseRetryAfterMs } from "./parse-retry-after.js";

/**
 * What the policy does after a failed attempt: `retry` the same candidate (while its retries last, then
 * fail over), `failover` to the next candidate at once, `stop` (the request itself is wrong, another
 * model would refuse it too) or `abort` (the caller cancelled: stop at once, no failover).
 */
export type AttemptVerdict = "retry" | "failover" | "stop" | "abort";

/**
 * How a failure counts against the deployment: `now` cools it down at once (bad key, unknown model,
 * no quota), `count` adds a failure to its window, `ignore` leaves it alone (the caller's mistake or abort).
 */
export type CooldownEffect = "now" | "count" | "ignore";

export interface ClassifiedAttemptError {
  error: AttemptError;
  verdict: AttemptVerdict;
  cooldown: CooldownEffect;
}

export interface ClassifyContext {
  /** The caller's own signal: when it is aborted, whatever was thrown is the caller's abort. */
  callerSignal?: AbortSignal | undefined;
  /** True when our per-attempt timer fired (as opposed to the caller aborting). */
  attemptTimedOut?: boolean;
  /** Now, for reading an HTTP-date Retry-After. */
  now: number;
}

const networkErrorCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ConnectionRefused",
  "ConnectionClosed",
  "FailedToOpenSocket",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
]);
const timeoutErrorCodes = new Set([
  "ETIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);
const maxMessageLength = 500;

/** Maps anything an attempt can throw to a JSON-safe `AttemptError` and what the policy should do next. */
export function classifyAttemptError(thrown: unknown, context: ClassifyContext): ClassifiedAttemptError {
  // The caller's abort wins over whatever the provider turned it into (an AbortError, a fetch error…).
  if (context.callerSignal?.aborted === true) {
    return result("ABORTED", "the caller aborted the request", "abort", "ignore");
  }
  if (context.attemptTimedOut === true) {
    return result("ATTEMPT_TIMEOUT", messageOf(thrown), "retry", "count");
  }
  const apiError = findInChain(thrown, (value) => APICallError.isInstance(value));
  if (apiError !== undefined) return classifyApiCallError(apiError as APICallError, context.now);
  return classifyOther(thrown);
}

function classifyApiCallError(error: APICallError, now: number): ClassifiedAttemptError {
  const status = error.statusCode;
  // "Cannot connect to API" or "Failed to process successful response" alone do not say what broke.
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  const message = messageOf(`${error.message}${cause}`);
  const retryAfterMs = parseRetryAfterMs(error.responseHeaders, now);
  const withStatus = (classified: ClassifiedAttemptError): ClassifiedAttemptError => {
    if (status !== undefined) classified.error.statusCode = status;
    if (retryAfterMs !== undefined) classified.error.retryAfterMs = retryAfterMs;
    return classified;
  };
  if (status === undefined) {
    if (isTimeout(error)) return result("TIMEOUT", message, "retry", "count");
    if (error.isRetryable) return result("NETWORK_ERROR", message, "retry", "count");
    return result("UNKNOWN_ERROR", message, "failover", "count");
  }
  if (status === 401) return withStatus(result("AUTHENTICATION_FAILED", message, "failover", "now"));
  if (status === 402) return withStatus(result("PAYMENT_REQUIRED", message, "failover", "now"));
  if (status === 403) return withStatus(result("PERMISSION_DENIED", message, "failover", "now"));
  if (status === 404) return withStatus(result("MODEL_NOT_FOUND", message, "failover", "now"));
  if (status === 408) return withStatus(result("REQUEST_TIMEOUT", message, "retry", "count"));
  if (status === 409) return withStatus(result("CONFLICT", message, "retry", "count"));
  if (status === 429) {
    // OpenAI answers 429 for an exhausted balance too; waiting will not refill it.
    if (error.responseBody?.includes("insufficient_quota") === true)
      return withStatus(result("QUOTA_EXHAUSTED", message, "failover", "now"));
    return withStatus(result("RATE_LIMITED", message, "retry", "count"));
  }
  if (status >= 500) return withStatus(result("SERVER_ERROR", message, "retry", "count"));
  if (status >= 400) return withStatus(result("BAD_REQUEST", message, "stop", "ignore"));
  // A 2xx whose body could not be read: the connection broke mid-body, or the body did not parse
  // (both "Failed to process successful response"); the cause tells them apart.
  if (isTimeout(error.cause)) return withStatus(result("TIMEOUT", message, "retry", "count"));
  if (isNetworkError(error.cause)) return withStatus(result("NETWORK_ERROR", message, "retry", "count"));
  return withStatus(result("INVALID_RESPONSE", message, "retry", "count"));
}

function classifyOther(thrown: unknown): ClassifiedAttemptError {
  const message = messageOf(thrown);
  if (LoadAPIKeyError.isInstance(thrown)) return result("MISSING_API_KEY", message, "failover", "now");
  if (LoadSettingError.isInstance(thrown)) return result("MISSING_SETTING", message, "failover", "now");
  if (NoSuchModelError.isInstance(thrown)) return result("MODEL_NOT_FOUND", message, "failover", "now");
  if (UnsupportedFunctionalityError.isInstance(thrown))
    return result("UNSUPPORTED_FUNCTIONALITY", message, "failover", "ignore");
  if (InvalidPromptError.isInstance(thrown) || InvalidArgumentError.isInstance(thrown))
    return result("BAD_REQUEST", message, "stop", "ignore");
  if (
    InvalidResponseDataError.isInstance(thrown) ||
    JSONParseError.isInstance(thrown) ||
    TypeValidationError.isInstance(thrown) ||
    EmptyResponseBodyError.isInstance(thrown) ||
    NoContentGeneratedError.isInstance(thrown)
  )
    return result("INVALID_RESPONSE", message, "retry", "count");
  if (GantryError.isInstance(thrown)) {
    if (thrown.category === "USER") return result(thrown.code, message, "stop", "ignore");
    if (thrown.category === "THIRD_PARTY") return result(thrown.code, message, "retry", "count");
    return result(thrown.code, message, "failover", "ignore");
  }
  if (isTimeout(thrown)) return result("TIMEOUT", message, "retry", "count");
  if (isNetworkError(thrown)) return result("NETWORK_ERROR", message, "retry", "count");
  // Most likely a bug in an adapter: another candidate may well not share it, so move on without retrying.
  return result("UNKNOWN_ERROR", message, "failover", "ignore");
}

function result(
  code: string,
  message: string,
  verdict: AttemptVerdict,
  cooldown: CooldownEffect,
): ClassifiedAttemptError {
  return { error: { code, message, retryable: verdict === "retry" }, verdict, cooldown };
}

// A provider-side timeout that is neither ours nor the caller's: a TimeoutError, or a socket timeout code.
function isTimeout(thrown: unknown): boolean {
  return (
    findInChain(
      thrown,
      (value) =>
        (value instanceof Error && value.name === "TimeoutError") ||
        timeoutErrorCodes.has(codeOf(value) ?? ""),
    ) !== undefined
  );
}

function isNetworkError(thrown: unknown): boolean {
  return (
    findInChain(
      thrown,
      (value) =>
        networkErrorCodes.has(codeOf(value) ?? "") ||
        (value instanceof TypeError && /fetch failed|failed to fetch|terminated/i.test(value.message)) ||
        (value instanceof Error && value.name === "AbortError"),
    ) !== undefined
  );
}

function codeOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const code = (value as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

// Providers and fetch wrap the real failure in `cause`; a bounded walk also survives cycles.
function findInChain(thrown: unknown, test: (value: unknown) => boolean): unknown {
  let current = thrown;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    if (test(current)) return current;
    current = typeof current === "object" ? (current as { cause?: unknown }).cause : undefined;
  }
  return undefined;
}

// Error parts may carry a provider's plain error object ({ message, type }) rather than an Error.
function messageOf(thrown: unknown): string {
  const text = thrown instanceof Error ? thrown.message : describe(thrown);
  return text.length > maxMessageLength ? `${text.slice(0, maxMessageLength)}…` : text;
}

function describe(value: unknown): string {
  if (typeof value === "object" && value !== null) {
    const message = (value as { message?: unknown }).message;
    if (typeof message === "string") return message;
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}
