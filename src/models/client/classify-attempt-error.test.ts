import {
  APICallError,
  InvalidPromptError,
  JSONParseError,
  LoadAPIKeyError,
  NoSuchModelError,
  UnsupportedFunctionalityError,
} from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { GantryError } from "../../core/index.js";
import { classifyAttemptError } from "./classify-attempt-error.js";

const now = Date.UTC(2026, 10, 24);

function httpError(statusCode: number, extra: Partial<ConstructorParameters<typeof APICallError>[0]> = {}) {
  return new APICallError({
    message: `HTTP ${statusCode}`,
    url: "http://127.0.0.1/v1/chat/completions",
    requestBodyValues: {},
    statusCode,
    ...extra,
  });
}

function networkError(code: string): APICallError {
  return new APICallError({
    message: "Cannot connect to API",
    url: "http://127.0.0.1/v1/chat/completions",
    requestBodyValues: {},
    cause: Object.assign(new Error(`connect ${code}`), { code }),
    isRetryable: true,
  });
}

describe("classifyAttemptError", () => {
  const table: Array<[string, unknown, string, string, string]> = [
    // name, thrown, code, verdict, cooldown
    ["400", httpError(400), "BAD_REQUEST", "stop", "ignore"],
    ["422", httpError(422), "BAD_REQUEST", "stop", "ignore"],
    ["401", httpError(401), "AUTHENTICATION_FAILED", "failover", "now"],
    ["402", httpError(402), "PAYMENT_REQUIRED", "failover", "now"],
    ["403", httpError(403), "PERMISSION_DENIED", "failover", "now"],
    ["404", httpError(404), "MODEL_NOT_FOUND", "failover", "now"],
    ["408", httpError(408), "REQUEST_TIMEOUT", "retry", "count"],
    ["409", httpError(409), "CONFLICT", "retry", "count"],
    ["429", httpError(429), "RATE_LIMITED", "retry", "count"],
    [
      "429 insufficient_quota",
      httpError(429, { responseBody: '{"error":{"code":"insufficient_quota"}}' }),
      "QUOTA_EXHAUSTED",
      "failover",
      "now",
    ],
    ["500", httpError(500), "SERVER_ERROR", "retry", "count"],
    ["503", httpError(503), "SERVER_ERROR", "retry", "count"],
    ["529 (Anthropic overloaded)", httpError(529), "SERVER_ERROR", "retry", "count"],
    ["200 that did not parse", httpError(200), "INVALID_RESPONSE", "retry", "count"],
    [
      "200 whose body broke off (socket closed)",
      httpError(200, { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) }),
      "NETWORK_ERROR",
      "retry",
      "count",
    ],
    ["ECONNREFUSED", networkError("ECONNREFUSED"), "NETWORK_ERROR", "retry", "count"],
    ["ECONNRESET", networkError("ECONNRESET"), "NETWORK_ERROR", "retry", "count"],
    ["ETIMEDOUT", networkError("ETIMEDOUT"), "TIMEOUT", "retry", "count"],
    [
      "a bare ECONNRESET",
      Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
      "NETWORK_ERROR",
      "retry",
      "count",
    ],
    ["fetch failed", new TypeError("fetch failed"), "NETWORK_ERROR", "retry", "count"],
    ["a provider-side TimeoutError", new DOMException("slow", "TimeoutError"), "TIMEOUT", "retry", "count"],
    ["LoadAPIKeyError", new LoadAPIKeyError({ message: "no key" }), "MISSING_API_KEY", "failover", "now"],
    [
      "NoSuchModelError",
      new NoSuchModelError({ modelId: "x", modelType: "languageModel" }),
      "MODEL_NOT_FOUND",
      "failover",
      "now",
    ],
    [
      "InvalidPromptError",
      new InvalidPromptError({ prompt: [], message: "bad" }),
      "BAD_REQUEST",
      "stop",
      "ignore",
    ],
    [
      "UnsupportedFunctionalityError",
      new UnsupportedFunctionalityError({ functionality: "pdf input" }),
      "UNSUPPORTED_FUNCTIONALITY",
      "failover",
      "ignore",
    ],
    [
      "JSONParseError",
      new JSONParseError({ text: "{", cause: undefined }),
      "INVALID_RESPONSE",
      "retry",
      "count",
    ],
    [
      "GantryError USER",
      new GantryError({ code: "SIM_NO_RULE_MATCHED", message: "no rule", domain: "MODEL", category: "USER" }),
      "SIM_NO_RULE_MATCHED",
      "stop",
      "ignore",
    ],
    [
      "GantryError THIRD_PARTY",
      new GantryError({
        code: "MODEL_STREAM_EMPTY",
        message: "empty",
        domain: "MODEL",
        category: "THIRD_PARTY",
      }),
      "MODEL_STREAM_EMPTY",
      "retry",
      "count",
    ],
    ["an unknown error", new RangeError("bug"), "UNKNOWN_ERROR", "failover", "ignore"],
    [
      "a provider's plain error object",
      { message: "overloaded", type: "server_error" },
      "UNKNOWN_ERROR",
      "failover",
      "ignore",
    ],
  ];

  for (const [name, thrown, code, verdict, cooldown] of table) {
    it(`${name} → ${code}, ${verdict}, cooldown ${cooldown}`, () => {
      const classified = classifyAttemptError(thrown, { now });
      expect(classified.error.code).toBe(code);
      expect(classified.verdict).toBe(verdict);
      expect(classified.cooldown).toBe(cooldown);
      expect(classified.error.retryable).toBe(verdict === "retry");
    });
  }

  it("keeps the status code and reads Retry-After (seconds, HTTP date, ms) from the headers", () => {
    const seconds = classifyAttemptError(httpError(429, { responseHeaders: { "retry-after": "30" } }), {
      now,
    });
    expect(seconds.error).toMatchObject({ statusCode: 429, retryAfterMs: 30_000 });
    const date = new Date(now + 7_000).toUTCString();
    const dated = classifyAttemptError(httpError(503, { responseHeaders: { "retry-after": date } }), { now });
    expect(dated.error.retryAfterMs).toBe(7_000);
    const ms = classifyAttemptError(httpError(429, { responseHeaders: { "retry-after-ms": "150" } }), {
      now,
    });
    expect(ms.error.retryAfterMs).toBe(150);
  });

  it("names the cause of an APICallError in the message", () => {
    expect(classifyAttemptError(networkError("ECONNREFUSED"), { now }).error.message).toBe(
      "Cannot connect to API (connect ECONNREFUSED)",
    );
  });

  it("finds an APICallError wrapped in another error's cause", () => {
    const wrapped = new Error("stream failed", { cause: httpError(502) });
    expect(classifyAttemptError(wrapped, { now }).error).toMatchObject({
      code: "SERVER_ERROR",
      statusCode: 502,
    });
  });

  it("calls anything thrown after the caller aborted an abort, whatever the provider made of it", () => {
    const controller = new AbortController();
    controller.abort();
    const classified = classifyAttemptError(networkError("ECONNRESET"), {
      now,
      callerSignal: controller.signal,
    });
    expect(classified).toMatchObject({ verdict: "abort", cooldown: "ignore", error: { code: "ABORTED" } });
  });

  it("tells our attempt timeout apart from the caller's abort", () => {
    const classified = classifyAttemptError(new DOMException("the attempt timed out", "TimeoutError"), {
      now,
      callerSignal: new AbortController().signal,
      attemptTimedOut: true,
    });
    expect(classified).toMatchObject({
      verdict: "retry",
      cooldown: "count",
      error: { code: "ATTEMPT_TIMEOUT" },
    });
  });

  it("cuts very long messages so attempts stay small", () => {
    const classified = classifyAttemptError(new Error("x".repeat(5_000)), { now });
    expect(classified.error.message.length).toBeLessThanOrEqual(501);
  });
});
