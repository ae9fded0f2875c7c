import { generateText, streamText } from "ai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { modelsSchema } from "../../src/core/index.js";
import { createProviderRegistry, type ProviderRegistry } from "../../src/models/index.js";
import {
  type FakeUpstream,
  loadWireFixture,
  startFakeOpenAIServer,
} from "../support/fake-upstreams/index.js";

// The built-in `openai` provider, configured only by OPENAI_API_KEY and OPENAI_BASE_URL, against a
// loopback server replaying recorded Chat Completions traffic.

let upstream: FakeUpstream;
let registry: ProviderRegistry;

beforeEach(async () => {
  upstream = await startFakeOpenAIServer();
  registry = createProviderRegistry({
    models: modelsSchema.parse({}),
    env: { OPENAI_API_KEY: "sk-test-openai", OPENAI_BASE_URL: upstream.baseURL },
    workspaceRoot: process.cwd(),
  });
});
afterEach(() => upstream.close());

const recordedText = (loadWireFixture("openai-text").json as { choices: [{ message: { content: string } }] })
  .choices[0].message.content;

describe("openai provider", () => {
  it("sends a plain Chat Completions request with the key as a Bearer token", async () => {
    const result = await generateText({
      model: registry.languageModel("openai:gpt-4.1-nano"),
      prompt: "Invent a holiday",
    });

    expect(result.text).toBe(recordedText);
    expect(result.usage.inputTokens).toBe(16);
    expect(upstream.requestCount).toBe(1);
    const [request] = upstream.requests;
    expect(request?.path).toBe("/v1/chat/completions");
    expect(request?.headers.authorization).toBe("Bearer sk-test-openai");
    expect(request?.body.model).toBe("gpt-4.1-nano");
    expect(request?.body.messages).toEqual([{ role: "user", content: "Invent a holiday" }]);
  });

  it("streams SSE and reads the final usage chunk, which it asks for", async () => {
    const result = streamText({
      model: registry.languageModel("openai:gpt-4.1-nano"),
      prompt: "Invent a holiday",
    });

    const text = await result.text;
    const usage = await result.usage;
    expect(text.length).toBeGreaterThan(100);
    expect(text.startsWith("**Holiday")).toBe(true);
    expect(usage.inputTokens).toBe(16);
    expect(usage.outputTokens).toBe(300);
    expect(usage.cachedInputTokens).toBe(0);
    const [request] = upstream.requests;
    expect(request?.stream).toBe(true);
    expect(request?.body.stream_options).toEqual({ include_usage: true });
  });

  it("passes the model name through untouched and reports the model the server answered with", async () => {
    upstream.enqueue({
      kind: "text",
      text: "pong",
      model: "gpt-4.1-mini-2025-04-14",
      usage: { inputTokens: 9, outputTokens: 1 },
    });
    const result = await generateText({
      model: registry.languageModel("openai:gpt-4.1-mini"),
      prompt: "ping",
    });

    expect(result.text).toBe("pong");
    expect(result.response.modelId).toBe("gpt-4.1-mini-2025-04-14");
    expect(result.usage).toMatchObject({ inputTokens: 9, outputTokens: 1 });
    expect(upstream.requests[0]?.body.model).toBe("gpt-4.1-mini");
  });

  it("replays a recorded tool-call stream into a typed tool call", async () => {
    upstream.enqueue({ kind: "fixture", fixture: "xai-tool-call" });
    const result = await registry.languageModel("openai:grok-3-mini").doGenerate({
      prompt: [{ role: "user", content: [{ type: "text", text: "What's the weather?" }] }],
    });

    const toolCall = result.content.find((part) => part.type === "tool-call");
    expect(toolCall?.type).toBe("tool-call");
    expect(result.finishReason.unified).toBe("tool-calls");
    expect(result.usage.inputTokens.cacheRead).toBe(244);
  });

  it("never reads process.env: without OPENAI_API_KEY in `env` the model is unavailable", () => {
    const bare = createProviderRegistry({
      models: modelsSchema.parse({}),
      env: { OPENAI_BASE_URL: upstream.baseURL },
      workspaceRoot: process.cwd(),
    });
    expect(bare.availability("openai:gpt-4.1-nano")).toMatchObject({
      ok: false,
      reason: "missing-key",
      missingVariable: "OPENAI_API_KEY",
    });
    expect(() => bare.languageModel("openai:gpt-4.1-nano")).toThrow(/needs OPENAI_API_KEY/);
    expect(upstream.requestCount).toBe(0);
  });

  it("sends configured headers with every request", async () => {
    const configured = createProviderRegistry({
      models: modelsSchema.parse({
        providers: {
          openai: { kind: "openai", baseURL: upstream.baseURL, headers: { "x-team": "support" } },
        },
      }),
      env: { OPENAI_API_KEY: "sk-test-openai" },
      workspaceRoot: process.cwd(),
    });
    await generateText({ model: configured.languageModel("openai:gpt-4.1-nano"), prompt: "hi" });

    expect(upstream.requests[0]?.headers["x-team"]).toBe("support");
    expect(upstream.requests[0]?.headers.authorization).toBe("Bearer sk-test-openai");
  });
});
