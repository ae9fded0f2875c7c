import { describe, expect, it } from "vitest";
import { sampleCallResult } from "../../../test/support/sample-call-result.js";
import { GantryError } from "../../core/index.js";
import { chatCompletionBody } from "./chat-completion-body.js";
import { gatewayHeaders } from "./gateway-headers.js";
import { openAiErrorBody, openAiErrorType, retryAfterSeconds } from "./openai-error.js";
import { openAiUsage } from "./openai-usage.js";

const identity = { id: "chatcmpl-1", createdSeconds: 1_770_000_000 };

describe("chatCompletionBody", () => {
  it("answers with the chosen model, the text, the finish reason and OpenAI's inclusive usage", () => {
    expect(chatCompletionBody(sampleCallResult(), identity)).toEqual({
      id: "chatcmpl-1",
      object: "chat.completion",
      created: 1_770_000_000,
      model: "openai:gpt-4o-mini",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: "Hello there.", refusal: null },
          logprobs: null,
          finish_reason: "stop",
        },
      ],
      usage: {
        prompt_tokens: 16,
        completion_tokens: 10,
        total_tokens: 26,
        prompt_tokens_details: { cached_tokens: 4 },
        completion_tokens_details: { reasoning_tokens: 3 },
      },
    });
  });

  it("returns tool calls with null content and finish_reason tool_calls", () => {
    const body = chatCompletionBody(
      sampleCallResult({
        content: [
          { type: "tool-call", toolCallId: "call_1", toolName: "lookup", input: '{"q":"x"}' },
          { type: "tool-call", toolCallId: "call_2", toolName: "now", input: "{}" },
        ],
        finishReason: { unified: "tool-calls", raw: "tool_calls" },
      }),
      identity,
    );
    expect(body.choices[0]?.message).toEqual({
      role: "assistant",
      content: null,
      refusal: null,
      tool_calls: [
        { id: "call_1", type: "function", function: { name: "lookup", arguments: '{"q":"x"}' } },
        { id: "call_2", type: "function", function: { name: "now", arguments: "{}" } },
      ],
    });
    expect(body.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("maps every finish reason OpenAI knows and reads the others as stop", () => {
    const reason = (unified: "stop" | "length" | "content-filter" | "tool-calls" | "error" | "other") =>
      chatCompletionBody(sampleCallResult({ finishReason: { unified, raw: undefined } }), identity).choices[0]
        ?.finish_reason;
    expect(reason("length")).toBe("length");
    expect(reason("content-filter")).toBe("content_filter");
    expect(reason("error")).toBe("stop");
    expect(reason("other")).toBe("stop");
  });
});

describe("openAiUsage", () => {
  it("counts cache reads and both cache-write rates as prompt tokens", () => {
    const usage = openAiUsage({
      input: 1,
      cacheRead: 2,
      cacheWrite: 3,
      cacheWrite1h: 4,
      output: 5,
      reasoning: 0,
    });
    expect(usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 });
  });
});

describe("gatewayHeaders", () => {
  it("names the chosen model, every attempt, the cost and the route", () => {
    const headers = gatewayHeaders(sampleCallResult());
    expect(headers).toMatchObject({
      "x-gantry-model": "openai:gpt-4o-mini",
      "x-gantry-attempts": "2",
      "x-gantry-cost-micros": "123",
      "x-gantry-cost-source": "computed",
      "x-gantry-route": "tier=small; reason=tier; candidates=openai:gpt-4o,openai:gpt-4o-mini",
      "x-gantry-cache": "miss",
    });
    expect(JSON.parse(headers["x-gantry-attempts-detail"]!)).toEqual([
      {
        number: 1,
        model: "openai:gpt-4o",
        outcome: "error",
        durationMs: 12,
        code: "RATE_LIMITED",
        status: 429,
      },
      { number: 2, model: "openai:gpt-4o-mini", outcome: "success", durationMs: 30 },
    ]);
  });

  it("says unknown for an unpriced model, never 0", () => {
    const headers = gatewayHeaders(sampleCallResult({ cost: { micros: null, source: "unknown" } }));
    expect(headers["x-gantry-cost-micros"]).toBe("unknown");
    expect(headers["x-gantry-cost-source"]).toBe("unknown");
  });
});

describe("openAiErrorBody", () => {
  it("keeps Gantry's code and hint and names the param", () => {
    const error = new GantryError({
      code: "GATEWAY_REQUEST_INVALID",
      message: "bad",
      domain: "SERVER",
      category: "USER",
      details: { param: "messages[0]" },
      hint: "fix it",
    });
    expect(openAiErrorBody(error)).toEqual({
      error: {
        message: "bad",
        type: "invalid_request_error",
        code: "GATEWAY_REQUEST_INVALID",
        param: "messages[0]",
        hint: "fix it",
      },
    });
  });

  it("types errors by status and reads Retry-After from the details", () => {
    expect([401, 403, 404, 429, 502].map(openAiErrorType)).toEqual([
      "authentication_error",
      "permission_error",
      "not_found_error",
      "rate_limit_error",
      "api_error",
    ]);
    const limited = (details: Record<string, number>) =>
      new GantryError({
        code: "GATEWAY_RATE_LIMITED",
        message: "",
        domain: "SERVER",
        category: "USER",
        details,
      });
    expect(openAiErrorBody(limited({})).error.type).toBe("rate_limit_error");
    expect(retryAfterSeconds(limited({ retryAfterMs: 1500 }), 0)).toBe(2);
    expect(retryAfterSeconds(limited({ retryAfterSeconds: 0.2 }), 0)).toBe(1);
    expect(retryAfterSeconds(limited({}), 0)).toBeUndefined();
    const failed = new GantryError({
      code: "MODEL_CALL_FAILED",
      message: "",
      domain: "MODEL",
      category: "THIRD_PARTY",
      details: { retryAt: "2026-01-01T00:00:30.000Z" },
    });
    expect(retryAfterSeconds(failed, Date.UTC(2026, 0, 1))).toBe(30);
  });
});
