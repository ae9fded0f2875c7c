import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { generateText, streamText } from "ai";
import { describe, expect, it } from "vitest";
import { createSimProvider } from "../../src/models/index.js";
import { callOptions, functionTool, readParts, recordingSleep, streamedText } from "./sim-test-helpers.js";

const partTypes = (parts: readonly LanguageModelV3StreamPart[]) =>
  parts.map((part) => part.type).filter((type, index, all) => type !== all[index - 1]);

describe("sim model streaming", () => {
  it("streams through streamText the same text generateText returns for the same seed", async () => {
    const prompt = "Tell me about refunds please";
    const streamed = streamText({ model: createSimProvider({ seed: 9 })("default"), prompt });
    let text = "";
    for await (const delta of streamed.textStream) text += delta;
    const generated = await generateText({ model: createSimProvider({ seed: 9 })("default"), prompt });
    expect(text).toBe(generated.text);
    expect(text).toMatch(/^Refunds are available within 30 days/);
    expect(await streamed.finishReason).toBe("stop");
    expect((await streamed.usage).outputTokens).toBe(generated.usage.outputTokens);
  });

  it("emits V3 parts in spec order, with several text deltas and a finish carrying usage", async () => {
    const model = createSimProvider()("default");
    const { stream } = await model.doStream(callOptions("What can you do? I need help"));
    const { parts, error } = await readParts(stream);
    expect(error).toBeUndefined();
    expect(partTypes(parts)).toEqual([
      "stream-start",
      "response-metadata",
      "text-start",
      "text-delta",
      "text-end",
      "finish",
    ]);
    expect(parts.filter((part) => part.type === "text-delta").length).toBeGreaterThan(5);
    const finish = parts.at(-1);
    expect(finish?.type === "finish" && finish.usage.outputTokens.total).toBeGreaterThan(10);
    const generated = await createSimProvider()("default").doGenerate(
      callOptions("What can you do? I need help"),
    );
    expect(streamedText(parts)).toBe(generated.content[0]?.type === "text" ? generated.content[0].text : "");
  });

  it("streams tool calls as tool-input-start, deltas, end and a tool-call whose input the deltas spell", async () => {
    const model = createSimProvider()("default");
    const tools = [functionTool("lookup_order", "Look up an order by id", { orderId: { type: "string" } })];
    const { stream } = await model.doStream(callOptions("Where is order B-77?", { tools }));
    const { parts } = await readParts(stream);
    expect(partTypes(parts)).toEqual([
      "stream-start",
      "response-metadata",
      "tool-input-start",
      "tool-input-delta",
      "tool-input-end",
      "tool-call",
      "finish",
    ]);
    const call = parts.find((part) => part.type === "tool-call");
    const deltas = parts.map((part) => (part.type === "tool-input-delta" ? part.delta : "")).join("");
    expect(call?.type === "tool-call" && JSON.parse(call.input)).toEqual({ orderId: "B-77" });
    expect(call?.type === "tool-call" && call.input).toBe(deltas);
    const finish = parts.at(-1);
    expect(finish?.type === "finish" && finish.finishReason.unified).toBe("tool-calls");
  });

  it("adds a raw part before each delta when raw chunks are requested", async () => {
    const { stream } = await createSimProvider()("default").doStream(
      callOptions("hello", { includeRawChunks: true }),
    );
    const { parts } = await readParts(stream);
    const raw = parts.filter((part) => part.type === "raw");
    expect(raw.length).toBe(parts.filter((part) => part.type === "text-delta").length);
  });

  it("waits the first-token delay, then the chunk delay before each chunk", async () => {
    const { sleep, waits } = recordingSleep();
    // A fresh provider per call, so each sees the request for the first time and chunks it alike.
    const provider = () => createSimProvider({ latency: { kind: "fixed", ms: 400, chunkMs: 15 }, sleep });
    const { stream } = await provider()("default").doStream(callOptions("hello"));
    const { parts } = await readParts(stream);
    const deltas = parts.filter((part) => part.type === "text-delta").length;
    expect(waits).toEqual([400, ...Array.from({ length: deltas }, () => 15)]);

    waits.length = 0;
    await provider()("default").doGenerate(callOptions("hello"));
    expect(waits).toEqual([400 + 15 * deltas]);

    waits.length = 0;
    await provider()("fast").doGenerate(callOptions("hello"));
    expect(waits[0]).toBeCloseTo((400 + 15 * deltas) * 0.3, 6);
  });
});
