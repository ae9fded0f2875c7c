import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3StreamPart,
} from "@ai-sdk/provider";
import { APICallError, JSONParseError } from "@ai-sdk/provider";
import { generateText } from "ai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { modelsSchema } from "../../src/core/index.js";
import { createProviderRegistry } from "../../src/models/index.js";
import {
  type FakeUpstream,
  type FakeUpstreamOptions,
  readStreamParts,
  startFakeAnthropicServer,
  startFakeOpenAIServer,
} from "../support/fake-upstreams/index.js";

// Each fault a provider can throw at us, through the registry's real AI SDK providers, so retry and
// failover code can rely on how they surface. One suite, run against both wire formats.

interface ProviderUnderTest {
  name: string;
  modelId: string;
  start: (options?: FakeUpstreamOptions) => Promise<FakeUpstream>;
  env: (baseURL: string) => Record<string, string>;
}

const providers: ProviderUnderTest[] = [
  {
    name: "openai",
    modelId: "openai:gpt-4.1-nano",
    start: startFakeOpenAIServer,
    env: (baseURL) => ({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: baseURL }),
  },
  {
    name: "anthropic",
    modelId: "anthropic:claude-sonnet-4-5",
    start: startFakeAnthropicServer,
    env: (baseURL) => ({ ANTHROPIC_API_KEY: "sk-ant-test", ANTHROPIC_BASE_URL: baseURL }),
  },
];

const call: LanguageModelV3CallOptions = {
  prompt: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
};

async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

const textDeltas = (parts: LanguageModelV3StreamPart[]) =>
  parts.flatMap((part) => (part.type === "text-delta" && part.delta !== "" ? [part.delta] : []));

describe.each(providers)("$name faults", (provider) => {
  let upstream: FakeUpstream;
  let model: LanguageModelV3;

  beforeEach(async () => {
    upstream = await provider.start();
    const registry = createProviderRegistry({
      models: modelsSchema.parse({}),
      env: provider.env(upstream.baseURL),
      workspaceRoot: process.cwd(),
    });
    model = registry.languageModel(provider.modelId);
  });
  afterEach(() => upstream.close());

  it("429 surfaces as a retryable APICallError with a readable retry-after", async () => {
    upstream.enqueue({ status: 429, retryAfterSeconds: 2 });
    const error = await rejection(model.doGenerate(call));

    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as APICallError;
    expect(apiError.statusCode).toBe(429);
    expect(apiError.isRetryable).toBe(true);
    expect(apiError.responseHeaders?.["retry-after"]).toBe("2");
  });

  it.each([500, 503])("%i is a retryable APICallError", async (status) => {
    upstream.enqueue({ status });
    const error = (await rejection(model.doGenerate(call))) as APICallError;

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.statusCode).toBe(status);
    expect(error.isRetryable).toBe(true);
  });

  it.each([401, 404])("%i is an APICallError that is not retryable", async (status) => {
    upstream.enqueue({ status });
    const error = (await rejection(model.doGenerate(call))) as APICallError;

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.statusCode).toBe(status);
    expect(error.isRetryable).toBe(false);
  });

  it("the script decides per request: two faults then the recorded answer make exactly 3 calls", async () => {
    upstream.enqueue({ status: 429, retryAfterMs: 1 }, { status: 503, retryAfterMs: 1 });
    const result = await generateText({ model, prompt: "hi", maxRetries: 2 });

    expect(result.text.length).toBeGreaterThan(0);
    expect(upstream.requestCount).toBe(3);
  });

  it("a non-retryable 401 is tried exactly once", async () => {
    upstream.enqueue({ status: 401 });
    await rejection(generateText({ model, prompt: "hi", maxRetries: 2 }));

    expect(upstream.requestCount).toBe(1);
  });

  it("a hung request ends with the caller's AbortSignal.timeout", async () => {
    upstream.enqueue({ kind: "hang" });
    const error = await rejection(model.doGenerate({ ...call, abortSignal: AbortSignal.timeout(150) }));

    expect((error as Error).name).toBe("TimeoutError");
    expect(upstream.requestCount).toBe(1);
  });

  it("a stream that stalls after content ends with the abort, after the content", async () => {
    upstream.enqueue({ kind: "hang", afterChunks: 5 });
    const { stream } = await model.doStream({ ...call, abortSignal: AbortSignal.timeout(300) });
    const { parts, error } = await readStreamParts(stream);

    expect(textDeltas(parts).length).toBeGreaterThan(0);
    expect((error as Error).name).toBe("TimeoutError");
  });

  it("a stream cut after content delivers the content, then errors", async () => {
    upstream.enqueue({ kind: "cut-after", chunks: 5 });
    const { stream } = await model.doStream(call);
    const { parts, error } = await readStreamParts(stream);

    expect(textDeltas(parts).length).toBeGreaterThan(0);
    expect(parts.some((part) => part.type === "finish")).toBe(false);
    // The SDK wraps the broken body as an APICallError marked retryable (status 200): retry code must
    // not re-send a stream that already delivered content, whatever isRetryable says.
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).cause).toMatchObject({ message: "terminated" });
  });

  it("a plain answer cut mid-body fails as an APICallError", async () => {
    upstream.enqueue({ kind: "cut-after", chunks: 0 });
    const error = await rejection(model.doGenerate(call));

    expect(APICallError.isInstance(error)).toBe(true);
  });

  it("a malformed chunk becomes an error part between content parts", async () => {
    upstream.enqueue({ kind: "malformed", at: 5 });
    const { stream } = await model.doStream(call);
    const { parts, error } = await readStreamParts(stream);

    expect(error).toBeUndefined();
    const errorIndex = parts.findIndex((part) => part.type === "error");
    expect(errorIndex).toBeGreaterThan(0);
    const errorPart = parts[errorIndex];
    expect(errorPart?.type === "error" && JSONParseError.isInstance(errorPart.error)).toBe(true);
    expect(textDeltas(parts.slice(0, errorIndex)).length).toBeGreaterThan(0);
    expect(textDeltas(parts.slice(errorIndex)).length).toBeGreaterThan(0);
  });
});
