import { createOpenAI } from "@ai-sdk/openai";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import { afterEach, describe, expect, it } from "vitest";
import type { GantryError, RetryPolicy } from "../../src/core/index.js";
import { type FakeStep, type FakeUpstream, startFakeOpenAIServer } from "../support/fake-upstreams/index.js";
import { hello, rejectionOf, testClient, timeline } from "./failover-helpers.js";
import { readParts, streamedText } from "./sim-test-helpers.js";

// The acceptance scenarios through the real @ai-sdk/openai adapter, against loopback servers that
// speak the Chat Completions wire format: what a user's traffic would do, byte for byte.

const upstreams: FakeUpstream[] = [];
afterEach(async () => {
  await Promise.all(upstreams.splice(0).map((upstream) => upstream.close()));
});

async function upstream(script: FakeStep[] = []): Promise<FakeUpstream> {
  const started = await startFakeOpenAIServer({ script });
  upstreams.push(started);
  return started;
}

function openaiModel(server: FakeUpstream): LanguageModelV3 {
  return createOpenAI({ apiKey: "test-key", baseURL: server.baseURL }).chat("gpt-4.1-nano");
}

async function wiredClient(scripts: FakeStep[][], retry: Partial<RetryPolicy> = {}) {
  const servers = await Promise.all(scripts.map((script) => upstream(script)));
  const ids = servers.map((_server, index) => `openai${index}:gpt-4.1-nano`);
  const models = Object.fromEntries(servers.map((server, index) => [ids[index]!, openaiModel(server)]));
  return { servers, ...testClient(models, { tiers: { main: ids }, retry }) };
}

describe("failover through @ai-sdk/openai against a fake OpenAI server", () => {
  it("primary answers 500 three times → the secondary serves; attempts show 3 errors and 1 success", async () => {
    const { client, servers } = await wiredClient([[{ status: 500 }, { status: 500 }, { status: 500 }], []], {
      retriesPerCandidate: 2,
    });
    const result = await client.generate({ ...hello, model: "tier:main" });
    expect(timeline(result.attempts)).toEqual([
      "1 openai0:gpt-4.1-nano error SERVER_ERROR",
      "2 openai0:gpt-4.1-nano error SERVER_ERROR",
      "3 openai0:gpt-4.1-nano error SERVER_ERROR",
      "4 openai1:gpt-4.1-nano success",
    ]);
    expect(result.attempts.slice(0, 3).map((attempt) => attempt.error?.statusCode)).toEqual([500, 500, 500]);
    expect(servers.map((server) => server.requestCount)).toEqual([3, 1]);
    expect(result.content).toEqual([expect.objectContaining({ type: "text" })]);
    expect(result.usage.input).toBeGreaterThan(0);
  });

  it("the caller aborts mid-call → rejects promptly with the abort, no failover, no further upstream request", async () => {
    const { client, servers } = await wiredClient([[{ kind: "hang" }], []]);
    const controller = new AbortController();
    const call = client.generate({ ...hello, model: "tier:main", abortSignal: controller.signal });
    await servers[0]!.waitForRequests(1);
    controller.abort();
    const error = await rejectionOf(call);
    expect((error as Error).name).toBe("AbortError");
    expect(servers.map((server) => server.requestCount)).toEqual([1, 0]);
  });

  it("primary 429 with Retry-After 30 → the secondary is called at once, without waiting", async () => {
    const { client, servers, waits } = await wiredClient([[{ status: 429, retryAfterSeconds: 30 }], []]);
    const result = await client.generate({ ...hello, model: "tier:main" });
    expect(result.modelId).toBe("openai1:gpt-4.1-nano");
    expect(waits).toEqual([]);
    expect(result.attempts[0]?.error).toMatchObject({
      code: "RATE_LIMITED",
      statusCode: 429,
      retryAfterMs: 30_000,
    });
    expect(servers.map((server) => server.requestCount)).toEqual([1, 1]);
  });

  it("a stream cut after content → a clear MODEL_STREAM_INTERRUPTED error and exactly one upstream request", async () => {
    const { client, servers } = await wiredClient([[{ kind: "cut-after", chunks: 3 }], []]);
    const { stream, result } = await client.stream({ ...hello, model: "tier:main" });
    const { parts, error } = await readParts(stream);
    expect(streamedText(parts)).toBe("**Holiday");
    expect(error).toMatchObject({
      code: "MODEL_STREAM_INTERRUPTED",
      details: { modelId: "openai0:gpt-4.1-nano", attempt: 1, deliveredCharacters: 9 },
    });
    await expect(result).rejects.toBe(error);
    expect(servers.map((server) => server.requestCount)).toEqual([1, 0]);
  });

  it("a stream the server closes cleanly without a finish reason is not passed off as a clean answer", async () => {
    const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
      id: "chatcmpl-cut",
      object: "chat.completion.chunk",
      created: 1_770_000_000,
      model: "gpt-4.1-nano",
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    });
    const { client, servers } = await wiredClient([
      [{ kind: "events", events: [chunk({ role: "assistant", content: "" }), chunk({ content: "Half" })] }],
      [],
    ]);
    const { stream } = await client.stream({ ...hello, model: "tier:main" });
    const { parts, error } = await readParts(stream);
    expect(streamedText(parts)).toBe("Half");
    expect(error).toMatchObject({ code: "MODEL_STREAM_INTERRUPTED" });
    expect((error as GantryError).message).toContain("no finish reason");
    expect(servers.map((server) => server.requestCount)).toEqual([1, 0]);
  });

  it("a stream cut before any content is retried on the same deployment", async () => {
    const { client, servers } = await wiredClient([[{ kind: "cut-after", chunks: 1 }], []]);
    const { stream, result } = await client.stream({ ...hello, model: "tier:main" });
    const { error } = await readParts(stream);
    expect(error).toBeUndefined();
    expect(timeline((await result).attempts)).toEqual([
      "1 openai0:gpt-4.1-nano error NETWORK_ERROR",
      "2 openai0:gpt-4.1-nano success",
    ]);
    expect(servers.map((server) => server.requestCount)).toEqual([2, 0]);
  });

  it("a streamed answer's result carries the usage of the provider's final usage chunk", async () => {
    const { client } = await wiredClient([[]]);
    const { stream, result } = await client.stream({ ...hello, model: "tier:main" });
    await readParts(stream);
    const settled = await result;
    const plain = await client.generate({ ...hello, model: "tier:main" });
    expect(settled.usage.input + settled.usage.output).toBeGreaterThan(0);
    expect(settled.finishReason.unified).toBe("stop");
    expect(plain.finishReason.unified).toBe("stop");
  });

  it("a malformed chunk after content is passed on as an error part; the answer still finishes", async () => {
    const { client, servers } = await wiredClient([[{ kind: "malformed", at: 4 }]]);
    const { stream, result } = await client.stream({ ...hello, model: "tier:main" });
    const { parts, error } = await readParts(stream);
    expect(error).toBeUndefined();
    expect(parts.filter((part) => part.type === "error")).toHaveLength(1);
    const settled = await result;
    expect(settled.attempts[0]?.warnings?.[0]).toContain("error part after");
    expect(servers[0]!.requestCount).toBe(1);
  });

  it("the cap: primary and two fallbacks all answering 500 with maxAttempts 4 make exactly 4 requests", async () => {
    const failing: FakeStep[] = Array.from({ length: 10 }, () => ({ status: 500 }));
    const { client, servers } = await wiredClient([failing, failing, failing], {
      maxAttempts: 4,
      retriesPerCandidate: 1,
    });
    const error = await rejectionOf(client.generate({ ...hello, model: "tier:main" }));
    expect(error).toMatchObject({ code: "MODEL_CALL_FAILED" });
    expect(servers.map((server) => server.requestCount)).toEqual([2, 2, 0]);
  });

  it("401 cools the deployment at once: the next request skips it without a request", async () => {
    const { client, servers } = await wiredClient([[{ status: 401 }], []]);
    await client.generate({ ...hello, model: "tier:main" });
    const second = await client.generate({ ...hello, model: "tier:main" });
    expect(timeline(second.attempts)).toEqual([
      "1 openai0:gpt-4.1-nano skipped-cooldown COOLING_DOWN",
      "2 openai1:gpt-4.1-nano success",
    ]);
    expect(servers.map((server) => server.requestCount)).toEqual([1, 2]);
  });
});
