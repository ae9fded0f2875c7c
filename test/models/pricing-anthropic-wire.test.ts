import { createAnthropic } from "@ai-sdk/anthropic";
import type { LanguageModelV3Prompt } from "@ai-sdk/provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costOfCall, loadPriceCatalog, type PriceCatalog } from "../../src/models/index.js";
import {
  type ReplayServer,
  readChunkLines,
  readRecordedJson,
  startReplayServer,
} from "../support/replay-server.js";
import { callBothWays, costBothWays } from "./cost-both-ways.js";

// The real @ai-sdk/anthropic provider talks to a loopback server replaying recorded Anthropic
// Messages traffic; usage and cost are taken from what the provider returns, as the model client does.

const prompt: LanguageModelV3Prompt = [
  { role: "user", content: [{ type: "text", text: "Sum the squares of 1..12." }] },
];

// `claude-sonnet-5` (the model in the prompt-cache recording) has no public price we know, so the
// bundled file leaves it unpriced; this override writes Sonnet 4.5's list prices out explicitly so
// the hand computation below is visible: $3 in, $3.75 5m write, $6 1h write, $0.30 read, $15 out per MTok.
const sonnetListPrices = {
  litellm_provider: "anthropic",
  input_cost_per_token: 3e-6,
  cache_creation_input_token_cost: 3.75e-6,
  cache_creation_input_token_cost_above_1hr: 6e-6,
  cache_read_input_token_cost: 3e-7,
  output_cost_per_token: 1.5e-5,
};

let server: ReplayServer;
let bundled: PriceCatalog;
let withOverride: PriceCatalog;

beforeAll(async () => {
  server = await startReplayServer({ dialect: "anthropic" });
  bundled = loadPriceCatalog({ workspaceRoot: import.meta.dirname });
  withOverride = loadPriceCatalog({
    workspaceRoot: import.meta.dirname,
    prices: { overrides: { "anthropic:claude-sonnet-5": sonnetListPrices } },
  });
});
afterAll(() => server.close());

const anthropic = () => createAnthropic({ baseURL: server.baseURL, apiKey: "test-key" });

/** The same response both ways: streamed from `lines`, unstreamed as `json`. */
const bothWays = (modelName: string, lines: readonly string[], json: unknown) =>
  callBothWays(server, anthropic()(modelName), prompt, { dialect: "anthropic", streamLines: lines, json });

/** An unstreamed Messages body carrying `usage`, for a recording that has no `.json` twin. */
function messageBody(model: string, text: string, usage: Record<string, unknown>) {
  return {
    id: "msg_equivalent",
    type: "message",
    role: "assistant",
    model,
    content: [{ type: "text", text }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage,
  };
}

describe("Anthropic prompt-cache recording (cache reads and writes, streamed usage in two events)", () => {
  const lines = readChunkLines("anthropic-code-execution-20260120-prompt-cache.1.chunks.txt");
  // The recording has no unstreamed twin: this body carries the final numbers of its message_delta
  // (input 6, cache writes 3337 — all 5-minute, cache reads 6289, output 198).
  const json = messageBody(
    "claude-sonnet-5",
    "The sum of the squares of the numbers 1 through 12 is **650**.",
    {
      input_tokens: 6,
      cache_creation_input_tokens: 3337,
      cache_read_input_tokens: 6289,
      cache_creation: { ephemeral_5m_input_tokens: 3337, ephemeral_1h_input_tokens: 0 },
      output_tokens: 198,
    },
  );

  it("normalises usage into disjoint buckets and costs the hand-computed micro-USD, streamed and not", async () => {
    const calls = await bothWays("claude-sonnet-5", lines, json);
    const { streamed, unstreamed } = costBothWays(
      withOverride,
      "anthropic:claude-sonnet-5",
      "anthropic",
      calls,
    );

    // message_start said input 2, writes 3068, reads 0, output 69; message_delta's final numbers win.
    const expectedUsage = {
      input: 6,
      cacheRead: 6289,
      cacheWrite: 3337,
      cacheWrite1h: 0,
      output: 198,
      reasoning: 0,
    };
    expect(streamed.usage).toEqual(expectedUsage);
    expect(unstreamed.usage).toEqual(expectedUsage);

    // 6 x $3 + 3337 x $3.75 + 6289 x $0.30 + 198 x $15 per MTok
    // = 18 + 12,513.75 + 1,886.7 + 2,970 µ$ = 17,388.45 µ$ → 17,388 (half up, rounded once)
    expect(streamed.cost).toEqual({
      micros: 17_388,
      source: "computed",
      priceVersion: "override",
      breakdown: { input: 18, cacheRead: 1887, cacheWrite: 12_514, output: 2970 },
    });
    expect(unstreamed.cost).toEqual(streamed.cost);
  });

  it("never books the stream at $0 and never bills cached tokens as input on top (the 4x bug)", async () => {
    const { finish } = await bothWays("claude-sonnet-5", lines, json);
    const { usage, cost } = costOfCall(
      withOverride,
      "anthropic:claude-sonnet-5",
      "anthropic",
      finish.usage,
      finish.providerMetadata,
    );
    expect(cost.micros).toBeGreaterThan(0);
    // Cached tokens appear once: the buckets add up to the SDK's input total (9632), not more.
    expect(usage.input + usage.cacheRead + usage.cacheWrite + usage.cacheWrite1h).toBe(
      finish.usage.inputTokens.total,
    );
    // Billing the SDK's input total at the input rate as well would give
    // 9632 x 3 + 12,513.75 + 1,886.7 + 2,970 = 46,266.45 µ$, 2.7x the right 17,388.
    expect(cost.breakdown?.input).toBe(18);
    expect(cost.micros).toBe(17_388);
  });

  it("splits 1-hour from 5-minute cache writes when Anthropic reports the split", async () => {
    // An in-memory variant of the recording whose message_delta reports 3068 of the 3337 writes as
    // 1-hour writes (the fixture file itself is unchanged).
    const split = { ephemeral_5m_input_tokens: 269, ephemeral_1h_input_tokens: 3068 };
    const variant = lines.map((line) => {
      const event = JSON.parse(line) as { type: string; usage?: Record<string, unknown> };
      if (event.type !== "message_delta" || !event.usage) return line;
      return JSON.stringify({ ...event, usage: { ...event.usage, cache_creation: split } });
    });
    const body = { ...json, usage: { ...json.usage, cache_creation: split } };
    const calls = await bothWays("claude-sonnet-5", variant, body);
    const { streamed, unstreamed } = costBothWays(
      withOverride,
      "anthropic:claude-sonnet-5",
      "anthropic",
      calls,
    );
    expect(streamed.usage).toMatchObject({ cacheWrite: 269, cacheWrite1h: 3068 });
    // 6 x 3 + 269 x 3.75 + 3068 x 6 + 6289 x 0.30 + 198 x 15
    // = 18 + 1,008.75 + 18,408 + 1,886.7 + 2,970 = 24,291.45 µ$ → 24,291
    expect(streamed.cost.micros).toBe(24_291);
    expect(unstreamed.cost).toEqual(streamed.cost);
  });

  it("is unknown — not 0 — while the model is unpriced", async () => {
    const calls = await bothWays("claude-sonnet-5", lines, json);
    const { streamed, unstreamed } = costBothWays(bundled, "anthropic:claude-sonnet-5", "anthropic", calls);
    expect(streamed.cost).toEqual({ micros: null, source: "unknown" });
    expect(unstreamed.cost).toEqual({ micros: null, source: "unknown" });
    expect(streamed.usage.cacheRead).toBe(6289);
  });
});

describe("Anthropic text recording (bundled Sonnet 4.5 price)", () => {
  const lines = readChunkLines("anthropic-text.chunks.txt");

  it("costs the stream by message_delta's output count, equal to the same response unstreamed", async () => {
    // The recorded .json is a different response (29 output tokens, the stream has 30); the
    // equivalent body below carries the stream's numbers.
    const recorded = readRecordedJson("anthropic-text.json") as { usage: Record<string, unknown> };
    const equivalent = { ...recorded, usage: { ...recorded.usage, output_tokens: 30 } };
    const calls = await bothWays("claude-sonnet-4-5-20250929", lines, equivalent);
    const id = "anthropic:claude-sonnet-4-5-20250929";
    const { streamed, unstreamed } = costBothWays(bundled, id, "anthropic", calls);
    expect(streamed.usage).toEqual({
      input: 12,
      cacheRead: 0,
      cacheWrite: 0,
      cacheWrite1h: 0,
      output: 30,
      reasoning: 0,
    });
    // 12 x $3 + 30 x $15 per MTok = 36 + 450 = 486 µ$ (message_start's output of 1 would give 51)
    expect(streamed.cost).toMatchObject({ micros: 486, source: "computed", priceVersion: "2026-11-01" });
    expect(unstreamed.cost).toEqual(streamed.cost);
  });

  it("costs the recorded unstreamed response on its own numbers", async () => {
    server.replay({ dialect: "anthropic", json: readRecordedJson("anthropic-text.json") });
    const generated = await anthropic()("claude-sonnet-4-5-20250929").doGenerate({ prompt });
    const { cost } = costOfCall(
      bundled,
      "anthropic:claude-sonnet-4-5-20250929",
      "anthropic",
      generated.usage,
    );
    // 12 x 3 + 29 x 15 = 36 + 435 = 471 µ$
    expect(cost.micros).toBe(471);
  });
});

describe("Anthropic recording whose message_delta revises input_tokens", () => {
  it("uses the revised input count, streamed and unstreamed alike", async () => {
    const lines = readChunkLines("anthropic-message-delta-input-tokens.chunks.txt");
    // No .json twin: the equivalent body carries the delta's final numbers (input 61, output 2).
    const json = messageBody("claude-opus-4-5-20251101", "Hi", { input_tokens: 61, output_tokens: 2 });
    const calls = await bothWays("claude-opus-4-5-20251101", lines, json);
    const id = "anthropic:claude-opus-4-5-20251101";
    const { streamed, unstreamed } = costBothWays(bundled, id, "anthropic", calls);
    expect(streamed.usage).toMatchObject({ input: 61, output: 2 });
    // Opus 4.5: 61 x $5 + 2 x $25 per MTok = 305 + 50 = 355 µ$ (message_start's 43 / 1 would give 240)
    expect(streamed.cost.micros).toBe(355);
    expect(unstreamed.cost).toEqual(streamed.cost);
  });
});
