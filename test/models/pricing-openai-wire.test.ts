import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV3, LanguageModelV3Prompt } from "@ai-sdk/provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeCost, costOfCall, loadPriceCatalog, type PriceCatalog } from "../../src/models/index.js";
import {
  type ReplayServer,
  readChunkLines,
  readRecordedJson,
  startReplayServer,
} from "../support/replay-server.js";
import { callBothWays, costBothWays } from "./cost-both-ways.js";

// The real @ai-sdk/openai (Chat Completions) and @ai-sdk/openai-compatible providers talk to a
// loopback server replaying recorded traffic; usage and cost come from what the providers return.

const prompt: LanguageModelV3Prompt = [
  { role: "user", content: [{ type: "text", text: "Invent a holiday." }] },
];

let server: ReplayServer;
let catalog: PriceCatalog;

beforeAll(async () => {
  server = await startReplayServer({ dialect: "openai" });
  catalog = loadPriceCatalog({ workspaceRoot: import.meta.dirname });
});
afterAll(() => server.close());

const openai = () => createOpenAI({ baseURL: server.baseURL, apiKey: "test-key" });
const xai = () =>
  createOpenAICompatible({ name: "xai", baseURL: server.baseURL, apiKey: "test-key", includeUsage: true });

/** The same response both ways: streamed from `lines`, unstreamed as `json`. */
const bothWays = (model: LanguageModelV3, lines: readonly string[], json: unknown) =>
  callBothWays(server, model, prompt, { dialect: "openai", streamLines: lines, json });

type ChatCompletion = { usage: Record<string, unknown>; model: string };

/** The recorded stream with its final usage chunk's `usage` replaced (the fixture file is unchanged). */
function withFinalUsage(lines: readonly string[], usage: Record<string, unknown>): string[] {
  return lines.map((line) => {
    const chunk = JSON.parse(line) as { usage?: unknown };
    return chunk.usage ? JSON.stringify({ ...chunk, usage }) : line;
  });
}

describe("OpenAI text recording (gpt-4.1-nano, bundled price)", () => {
  const lines = readChunkLines("openai-text.chunks.txt");
  const recorded = readRecordedJson("openai-text.json") as ChatCompletion;

  it("costs the streamed usage chunk exactly as the same response unstreamed", async () => {
    // The recorded .json is a different response (363 completion tokens, the stream has 300); the
    // equivalent body carries the stream's final usage chunk.
    const streamUsage = { prompt_tokens: 16, completion_tokens: 300, total_tokens: 316 };
    const equivalent = { ...recorded, usage: { ...recorded.usage, ...streamUsage } };
    const model = openai().chat("gpt-4.1-nano");
    const calls = await bothWays(model, lines, equivalent);
    const { streamed, unstreamed } = costBothWays(catalog, "openai:gpt-4.1-nano", "openai", calls);
    expect(streamed.usage).toEqual({
      input: 16,
      cacheRead: 0,
      cacheWrite: 0,
      cacheWrite1h: 0,
      output: 300,
      reasoning: 0,
    });
    // 16 x $0.10 + 300 x $0.40 per MTok = 1.6 + 120 = 121.6 µ$ → 122
    expect(streamed.cost).toMatchObject({ micros: 122, source: "computed", priceVersion: "2026-11-01" });
    expect(unstreamed.cost).toEqual(streamed.cost);
  });

  it("costs the recorded unstreamed response on its own numbers", async () => {
    server.replay({ dialect: "openai", json: recorded });
    const generated = await openai().chat("gpt-4.1-nano").doGenerate({ prompt });
    // 16 x 0.10 + 363 x 0.40 = 1.6 + 145.2 = 146.8 µ$ → 147
    expect(costOfCall(catalog, "openai:gpt-4.1-nano", "openai", generated.usage).cost.micros).toBe(147);
  });
});

describe("OpenAI cached and reasoning tokens (o4-mini)", () => {
  // The text recording has 0 cached and 0 reasoning tokens; this in-memory variant of its final usage
  // chunk has both, in OpenAI's shape: cached tokens inside prompt_tokens, reasoning inside completion.
  const usage = {
    prompt_tokens: 2000,
    completion_tokens: 900,
    total_tokens: 2900,
    prompt_tokens_details: { cached_tokens: 1536, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 640, audio_tokens: 0 },
  };
  const lines = withFinalUsage(readChunkLines("openai-text.chunks.txt"), usage);
  const json = { ...(readRecordedJson("openai-text.json") as ChatCompletion), usage };

  it("takes cached tokens out of input and reasoning out of output, and costs each once", async () => {
    const calls = await bothWays(openai().chat("o4-mini"), lines, json);
    const { streamed, unstreamed } = costBothWays(catalog, "openai:o4-mini", "openai", calls);
    // input 2000 - 1536 = 464; output 900 - 640 = 260
    expect(streamed.usage).toEqual({
      input: 464,
      cacheRead: 1536,
      cacheWrite: 0,
      cacheWrite1h: 0,
      output: 260,
      reasoning: 640,
    });
    // 464 x $1.10 + 1536 x $0.275 + 260 x $4.40 + 640 x $4.40 per MTok
    // = 510.4 + 422.4 + 1,144 + 2,816 = 4,892.8 µ$ → 4,893
    expect(streamed.cost).toMatchObject({
      micros: 4893,
      source: "computed",
      breakdown: { input: 510, cacheRead: 422, output: 1144, reasoning: 2816 },
    });
    expect(unstreamed.cost).toEqual(streamed.cost);
    // The 4x bug would bill all 2000 prompt tokens at $1.10 and the 1536 cached at $0.275 again:
    // 2,200 + 422.4 + 3,960 = 6,582.4 µ$. Cached tokens are billed once, at the cache rate.
    expect(streamed.cost.breakdown?.input).toBe(510);
  });
});

describe("xAI text recording (OpenAI-compatible; reasoning outside completion tokens; reported cost)", () => {
  const lines = readChunkLines("xai-text.chunks.txt");
  // The final chunk: prompt 12 (11 cached), completion 2, reasoning 340, total 354, cost_in_usd_ticks 1721250.
  const finalUsage = (JSON.parse(lines.at(-1) ?? "{}") as { usage: Record<string, unknown> }).usage;
  // No .json twin: this body carries the same final usage.
  const json = {
    id: "equivalent",
    object: "chat.completion",
    created: 1770772291,
    model: "grok-3-mini",
    choices: [{ index: 0, message: { role: "assistant", content: "Hi, I'm Grok" }, finish_reason: "stop" }],
    usage: finalUsage,
  };

  it("uses xAI's own bill, which the normalised usage and the bundled price reproduce", async () => {
    const calls = await bothWays(xai().chatModel("grok-3-mini"), lines, json);
    const { streamed, unstreamed } = costBothWays(catalog, "xai:grok-3-mini", "xai", calls);
    expect(streamed.usage).toEqual({
      input: 1,
      cacheRead: 11,
      cacheWrite: 0,
      cacheWrite1h: 0,
      output: 2,
      reasoning: 340,
    });
    // 1,721,250 ticks x 1e-10 USD = 172.125 µ$ → 172
    expect(streamed.cost).toEqual({ micros: 172, source: "reported", priceVersion: "2026-11-01" });
    expect(unstreamed.cost).toEqual(streamed.cost);
    // From prices: 1 x $0.30 + 11 x $0.075 + 2 x $0.50 + 340 x $0.50 per MTok
    // = 0.3 + 0.825 + 1 + 170 = 172.125 µ$ → 172, the same as xAI's bill.
    const computed = computeCost(streamed.usage, catalog.lookup("xai:grok-3-mini")?.entry);
    expect(computed).toMatchObject({ micros: 172, source: "computed" });
  });
});

describe("an unpriced model", () => {
  it("costs unknown — not 0 — streamed and unstreamed, and still reports its usage", async () => {
    const lines = readChunkLines("openai-text.chunks.txt");
    const calls = await bothWays(openai().chat("gpt-9-preview"), lines, readRecordedJson("openai-text.json"));
    const { streamed, unstreamed } = costBothWays(catalog, "openai:gpt-9-preview", "openai", calls);
    expect(streamed.cost).toEqual({ micros: null, source: "unknown" });
    expect(unstreamed.cost).toEqual({ micros: null, source: "unknown" });
    expect(streamed.usage.output).toBe(300);
  });
});
