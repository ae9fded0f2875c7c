import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { streamText } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { describe, expect, it } from "vitest";
import type { ModelCallResult } from "../model-call-spec.js";
import { streamFromCachedResult } from "./stream-from-cached-result.js";

const cached: ModelCallResult = {
  modelId: "sim:fast",
  content: [
    { type: "reasoning", text: "The user wants the order." },
    { type: "text", text: "Looking it up." },
    { type: "tool-call", toolCallId: "call_1", toolName: "lookup_order", input: '{"orderId":"42"}' },
  ],
  finishReason: { unified: "tool-calls", raw: "tool_calls" },
  usage: { input: 20, cacheRead: 5, cacheWrite: 2, cacheWrite1h: 1, output: 7, reasoning: 3 },
  cost: { micros: 0, source: "reported" },
  attempts: [],
  route: { reason: "default", candidates: ["sim:fast"] },
  cached: true,
  responseId: "resp_1",
};

async function collect(
  stream: ReadableStream<LanguageModelV3StreamPart>,
): Promise<LanguageModelV3StreamPart[]> {
  const parts: LanguageModelV3StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

describe("streamFromCachedResult", () => {
  it("emits start, metadata, each part in order and a finish with the stored usage", async () => {
    expect(await collect(streamFromCachedResult(cached))).toEqual([
      { type: "stream-start", warnings: [] },
      { type: "response-metadata", modelId: "sim:fast", id: "resp_1" },
      { type: "reasoning-start", id: "0" },
      { type: "reasoning-delta", id: "0", delta: "The user wants the order." },
      { type: "reasoning-end", id: "0" },
      { type: "text-start", id: "1" },
      { type: "text-delta", id: "1", delta: "Looking it up." },
      { type: "text-end", id: "1" },
      { type: "tool-call", toolCallId: "call_1", toolName: "lookup_order", input: '{"orderId":"42"}' },
      {
        type: "finish",
        finishReason: { unified: "tool-calls", raw: "tool_calls" },
        usage: {
          inputTokens: { total: 28, noCache: 20, cacheRead: 5, cacheWrite: 3 },
          outputTokens: { total: 10, text: 7, reasoning: 3 },
        },
      },
    ]);
  });

  it("is a stream the AI SDK's streamText consumes like a provider's", async () => {
    const model = new MockLanguageModelV3({
      doStream: async () => ({ stream: streamFromCachedResult(cached) }),
    });
    const result = streamText({ model, prompt: "where is order 42?" });
    expect(await result.text).toBe("Looking it up.");
    expect(await result.reasoningText).toBe("The user wants the order.");
    expect((await result.toolCalls).map((call) => [call.toolName, call.input])).toEqual([
      ["lookup_order", { orderId: "42" }],
    ]);
    expect(await result.finishReason).toBe("tool-calls");
    expect((await result.usage).inputTokens).toBe(28);
    expect((await result.usage).outputTokens).toBe(10);
  });
});
