import { generateText, streamText } from "ai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { modelsSchema } from "../../src/core/index.js";
import { createProviderRegistry } from "../../src/models/index.js";
import { type FakeUpstream, startFakeOpenAIServer } from "../support/fake-upstreams/index.js";

// OpenAI-compatible servers: a configured Groq-like provider with its own key variable, and the
// built-in `ollama` reached through OLLAMA_BASE_URL with no key at all.

let upstream: FakeUpstream;

beforeEach(async () => {
  upstream = await startFakeOpenAIServer();
});
afterEach(() => upstream.close());

function groqRegistry(env: Record<string, string | undefined>) {
  return createProviderRegistry({
    models: modelsSchema.parse({
      providers: {
        groq: { kind: "openai-compatible", baseURL: upstream.baseURL, apiKeyEnv: "GROQ_API_KEY" },
      },
      tiers: { small: ["groq:llama-3.1-8b-instant"] },
    }),
    env,
    workspaceRoot: process.cwd(),
  });
}

describe("a configured openai-compatible provider (groq-like)", () => {
  it("sends its apiKeyEnv's value as a Bearer token", async () => {
    const registry = groqRegistry({ GROQ_API_KEY: "gsk-test" });
    upstream.enqueue({ kind: "text", text: "Fast answer." });
    const result = await generateText({
      model: registry.languageModel("groq:llama-3.1-8b-instant"),
      prompt: "hi",
    });

    expect(result.text).toBe("Fast answer.");
    expect(upstream.requests[0]?.headers.authorization).toBe("Bearer gsk-test");
    expect(upstream.requests[0]?.body.model).toBe("llama-3.1-8b-instant");
  });

  it("asks for usage on streams, so streamed calls can be priced", async () => {
    const registry = groqRegistry({ GROQ_API_KEY: "gsk-test" });
    upstream.enqueue({ kind: "fixture", fixture: "xai-text" });
    const result = streamText({ model: registry.languageModel("groq:grok-3-mini"), prompt: "hi" });

    await result.text;
    const usage = await result.usage;
    expect(upstream.requests[0]?.body.stream_options).toEqual({ include_usage: true });
    expect(usage.inputTokens).toBe(12);
    expect(usage.inputTokenDetails.cacheReadTokens).toBe(11);
    expect(usage.outputTokenDetails.reasoningTokens).toBe(340);
  });

  it("replays a streamed DeepSeek tool call with its arguments assembled", async () => {
    const registry = groqRegistry({ GROQ_API_KEY: "gsk-test" });
    upstream.enqueue({ kind: "fixture", fixture: "deepseek-tool-call" });
    const result = streamText({
      model: registry.languageModel("groq:deepseek-reasoner"),
      prompt: "weather?",
    });

    const toolCalls = await result.toolCalls;
    expect(toolCalls).toHaveLength(1);
    expect(typeof toolCalls[0]?.input).toBe("object");
    expect((await result.usage).inputTokenDetails.cacheReadTokens).toBe(320);
  });

  it("is unavailable without its key, naming the variable", () => {
    const registry = groqRegistry({});
    expect(registry.availability("groq:llama-3.1-8b-instant")).toMatchObject({
      ok: false,
      missingVariable: "GROQ_API_KEY",
    });
    expect(() => registry.assertUsable()).toThrow(/tier 'small' has no usable model: .*GROQ_API_KEY/);
  });
});

describe("the built-in ollama provider", () => {
  it("calls OLLAMA_BASE_URL without any key or Authorization header", async () => {
    const registry = createProviderRegistry({
      models: modelsSchema.parse({ default: "ollama:llama3.2:3b" }),
      env: { OLLAMA_BASE_URL: upstream.baseURL },
      workspaceRoot: process.cwd(),
    });
    expect(registry.assertUsable().ok).toBe(true);
    upstream.enqueue({ kind: "text", text: "Local answer." });
    const result = await generateText({
      model: registry.languageModel(registry.resolve()[0] ?? ""),
      prompt: "hi",
    });

    expect(result.text).toBe("Local answer.");
    const [request] = upstream.requests;
    expect(request?.headers.authorization).toBeUndefined();
    // Ollama tags keep their colon: only the first one separates provider from model.
    expect(request?.body.model).toBe("llama3.2:3b");
  });
});
