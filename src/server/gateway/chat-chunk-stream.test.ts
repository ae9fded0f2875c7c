import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { sampleCallResult } from "../../../test/support/sample-call-result.js";
import { GantryError } from "../../core/index.js";
import type { ModelCallResult, ModelStreamResult } from "../../models/index.js";
import { chatChunkStream } from "./chat-chunk-stream.js";

const usage = {
  inputTokens: { total: 3, noCache: 3, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 2, text: 2, reasoning: 0 },
};

function source(
  parts: LanguageModelV3StreamPart[],
  ending: "ok" | Error,
  result = sampleCallResult(),
): ModelStreamResult {
  let settle: { resolve: (value: ModelCallResult) => void; reject: (error: unknown) => void } | undefined;
  const settled = new Promise<ModelCallResult>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const queue = [...parts];
  // One part per pull: erroring a stream drops parts a reader has not taken yet.
  const stream = new ReadableStream<LanguageModelV3StreamPart>({
    pull(controller) {
      const part = queue.shift();
      if (part) return controller.enqueue(part);
      if (ending === "ok") {
        controller.close();
        settle!.resolve(result);
      } else {
        controller.error(ending);
        settle!.reject(ending);
      }
    },
  });
  return { stream, result: settled };
}

async function events(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const text = await new Response(stream).text();
  return text.split("\n\n").filter((event) => event.length > 0);
}

const identity = { id: "chatcmpl-1", createdSeconds: 1, model: "sim:fast", includeUsage: false };
const payload = (event: string) => JSON.parse(event.replace(/^data: /, ""));

describe("chatChunkStream", () => {
  it("sends a role chunk, content deltas, the finish chunk, a summary comment and [DONE]", async () => {
    const sent = await events(
      chatChunkStream(
        source(
          [
            { type: "stream-start", warnings: [] },
            { type: "text-start", id: "t" },
            { type: "text-delta", id: "t", delta: "Hel" },
            { type: "text-delta", id: "t", delta: "lo" },
            { type: "text-end", id: "t" },
            { type: "finish", usage, finishReason: { unified: "length", raw: "length" } },
          ],
          "ok",
        ),
        identity,
      ),
    );
    expect(sent).toHaveLength(6);
    expect(payload(sent[0]!)).toEqual({
      id: "chatcmpl-1",
      object: "chat.completion.chunk",
      created: 1,
      model: "sim:fast",
      choices: [{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }],
    });
    expect(sent.slice(1, 3).map((event) => payload(event).choices[0].delta)).toEqual([
      { content: "Hel" },
      { content: "lo" },
    ]);
    expect(payload(sent[3]!).choices[0]).toMatchObject({ delta: {}, finish_reason: "length" });
    expect(sent[4]).toMatch(/^: x-gantry \{/);
    expect(JSON.parse(sent[4]!.slice(": x-gantry ".length))).toMatchObject({
      model: "openai:gpt-4o-mini",
      attempts: 2,
      cost_micros: 123,
      cost_source: "computed",
    });
    expect(sent[5]).toBe("data: [DONE]");
  });

  it("streams tool calls with index, id and name first, then argument deltas; whole calls in one chunk", async () => {
    const sent = await events(
      chatChunkStream(
        source(
          [
            { type: "tool-input-start", id: "call_1", toolName: "lookup" },
            { type: "tool-input-delta", id: "call_1", delta: '{"q":' },
            { type: "tool-input-delta", id: "call_1", delta: '"x"}' },
            { type: "tool-input-end", id: "call_1" },
            { type: "tool-call", toolCallId: "call_1", toolName: "lookup", input: '{"q":"x"}' },
            { type: "tool-call", toolCallId: "call_2", toolName: "now", input: "{}" },
            { type: "finish", usage, finishReason: { unified: "tool-calls", raw: "tool_calls" } },
          ],
          "ok",
        ),
        identity,
      ),
    );
    const deltas = sent.slice(1, 5).map((event) => payload(event).choices[0].delta);
    expect(deltas).toEqual([
      {
        tool_calls: [
          { index: 0, id: "call_1", type: "function", function: { name: "lookup", arguments: "" } },
        ],
      },
      { tool_calls: [{ index: 0, function: { arguments: '{"q":' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '"x"}' } }] },
      {
        tool_calls: [
          { index: 1, id: "call_2", type: "function", function: { name: "now", arguments: "{}" } },
        ],
      },
    ]);
    expect(payload(sent[5]!).choices[0].finish_reason).toBe("tool_calls");
  });

  it("adds usage: null to every chunk and a usage chunk carrying x_gantry when include_usage is set", async () => {
    const sent = await events(
      chatChunkStream(
        source(
          [
            { type: "text-delta", id: "t", delta: "Hi" },
            { type: "finish", usage, finishReason: { unified: "stop", raw: "stop" } },
          ],
          "ok",
        ),
        { ...identity, includeUsage: true },
      ),
    );
    expect(payload(sent[0]!).usage).toBeNull();
    const usageChunk = payload(sent[3]!);
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage).toEqual({
      prompt_tokens: 16,
      completion_tokens: 10,
      total_tokens: 26,
      prompt_tokens_details: { cached_tokens: 4 },
      completion_tokens_details: { reasoning_tokens: 3 },
    });
    expect(usageChunk.x_gantry).toMatchObject({ model: "openai:gpt-4o-mini", cost_micros: 123 });
    expect(sent.at(-1)).toBe("data: [DONE]");
  });

  it("ends a stream that fails midway with an error event and no [DONE]", async () => {
    const failures: GantryError[] = [];
    const cut = new GantryError({
      code: "MODEL_STREAM_INTERRUPTED",
      message: "cut after 1 chunk",
      domain: "MODEL",
      category: "THIRD_PARTY",
    });
    const sent = await events(
      chatChunkStream(source([{ type: "text-delta", id: "t", delta: "Hel" }], cut), identity, (error) =>
        failures.push(error),
      ),
    );
    expect(sent).toHaveLength(3);
    expect(sent[2]).toMatch(/^event: error\ndata: /);
    expect(JSON.parse(sent[2]!.split("\ndata: ")[1]!)).toEqual({
      error: {
        message: "cut after 1 chunk",
        type: "api_error",
        code: "MODEL_STREAM_INTERRUPTED",
        param: null,
      },
    });
    expect(sent.join("\n")).not.toContain("[DONE]");
    expect(failures.map((error) => error.code)).toEqual(["MODEL_STREAM_INTERRUPTED"]);
  });

  it("treats an error part, or a failed result after a clean end, as an interrupted stream", async () => {
    const withErrorPart = await events(
      chatChunkStream(source([{ type: "error", error: new Error("bad chunk") }], "ok"), identity),
    );
    expect(withErrorPart.at(-1)).toContain('"code":"MODEL_STREAM_INTERRUPTED"');
    expect(withErrorPart.at(-1)).toContain("bad chunk");

    const parts: LanguageModelV3StreamPart[] = [{ type: "text-delta", id: "t", delta: "Hi" }];
    const failing: ModelStreamResult = {
      stream: new ReadableStream({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      }),
      result: Promise.reject(new Error("no finish part")),
    };
    const sent = await events(chatChunkStream(failing, identity));
    expect(sent.at(-1)).toMatch(/^event: error/);
    expect(sent.join("\n")).not.toContain("[DONE]");
  });

  it("cancels the model stream when the client goes away", async () => {
    let cancelled: unknown;
    const stream = new ReadableStream<LanguageModelV3StreamPart>({
      pull(controller) {
        controller.enqueue({ type: "text-delta", id: "t", delta: "more " });
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    const body = chatChunkStream({ stream, result: new Promise(() => {}) }, identity);
    const reader = body.getReader();
    await reader.read();
    await reader.read();
    await reader.cancel("client closed");
    expect(cancelled).toBe("client closed");
  });
});
