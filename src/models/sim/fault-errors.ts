import { APICallError, JSONParseError } from "@ai-sdk/provider";

/** What a provider error carries about the request that failed. */
export interface RequestContext {
  url: string;
  requestBodyValues: unknown;
}

/** HTTP 429 with a `retry-after` header, which the AI SDK's retry honours; retryable. */
export function rateLimitError(context: RequestContext, retryAfterSeconds: number): APICallError {
  const body = { error: { type: "rate_limit_error", message: "sim: rate limit exceeded (injected fault)" } };
  return new APICallError({
    ...context,
    message: body.error.message,
    statusCode: 429,
    responseHeaders: { "retry-after": String(retryAfterSeconds), "content-type": "application/json" },
    responseBody: JSON.stringify(body),
    isRetryable: true,
  });
}

/** HTTP 500 or 503, as an overloaded or failing provider answers; retryable. */
export function serverError(context: RequestContext, statusCode: 500 | 503): APICallError {
  const text = statusCode === 503 ? "service unavailable" : "internal server error";
  const body = { error: { type: "server_error", message: `sim: ${text} (injected fault)` } };
  return new APICallError({
    ...context,
    message: body.error.message,
    statusCode,
    responseHeaders: { "content-type": "application/json" },
    responseBody: JSON.stringify(body),
    isRetryable: true,
  });
}

/**
 * A request that got no answer within `timeoutMs`. No status code, as when the connection times out;
 * the cause is a `TimeoutError` DOMException, what `AbortSignal.timeout()` produces; retryable.
 */
export function timeoutError(context: RequestContext, timeoutMs: number): APICallError {
  const message = `sim: request timed out after ${timeoutMs} ms (injected fault)`;
  return new APICallError({
    ...context,
    message,
    cause: new DOMException(message, "TimeoutError"),
    isRetryable: true,
  });
}

/** The connection dropped mid-stream, after some chunks were delivered; retryable. */
export function cutStreamError(context: RequestContext, chunksDelivered: number): APICallError {
  const message = `sim: stream cut after ${chunksDelivered} chunks, connection reset (injected fault)`;
  return new APICallError({
    ...context,
    message,
    cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
    isRetryable: true,
  });
}

/** The error a provider adapter emits for an SSE chunk whose JSON does not parse (as @ai-sdk/openai does). */
export function malformedChunkError(text: string): JSONParseError {
  let cause: unknown;
  try {
    JSON.parse(text);
  } catch (error) {
    cause = error;
  }
  return new JSONParseError({ text, cause });
}
