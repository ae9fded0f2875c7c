import { generateText, streamText } from "ai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { modelsSchema } from "../../src/core/index.js";
import { createProviderRegistry, type ProviderRegistry } from "../../src/models/index.js";
import { type FakeUpstream, startFakeAnthropicServer } from "../support/fake-upstreams/index.js";

// The built-in `anthropic` provider, configured only by ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL,
// against a loopback server replaying recorded Messages traffic.

let upstream: FakeUpstream;
let registry: ProviderRegistry;

beforeEach(async () => {
  upstream = await startFakeAnthropicServer();
  registry = createProviderRegistry({
    models: modelsSchema.parse({}),
    env: { ANTHROPIC_API_KEY: "sk-ant-test", ANTHROPIC_BASE_URL: upstream.baseURL },
    workspaceRoot: process.cwd(),
  });
});
afterEach(() => upstream.close());

describe("anthropic provider", () => {
  it("streams Messages SSE with usage split between message_start and message_delta", async () => {
    const result = streamText({
      model: registry.languageModel("anthropic:claude-sonnet-4-5"),
      prompt: "How are you?",
    });

    expect(await result.text).toBe(
      "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?",
    );
    const usage = await result.usage;
    expect(usage.inputTokens).toBe(12);
    expect(usage.outputTokens).toBe(30);
    const [request] = upstream.requests;
    expect(request?.path).toBe("/v1/messages");
    expect(request?.stream).toBe(true);
    expect(request?.body.model).toBe("claude-sonnet-4-5");
  });

  it("sends the key as x-api-key with the API version, and no Authorization header", async () => {
    await generateText({
      model: registry.languageModel("anthropic:claude-sonnet-4-5"),
      prompt: "How are you?",
    });

    const [request] = upstream.requests;
    expect(request?.headers["x-api-key"]).toBe("sk-ant-test");
    expect(request?.headers["anthropic-version"]).toBe("2023-06-01");
    expect(request?.headers.authorization).toBeUndefined();
  });

  it("answers a plain request from the recorded JSON body", async () => {
    const result = await generateText({
      model: registry.languageModel("anthropic:claude-sonnet-4-5"),
      prompt: "hi",
    });

    expect(result.text).toContain("I'm doing well, thanks for asking");
    expect(result.usage).toMatchObject({ inputTokens: 12, outputTokens: 29 });
    expect(upstream.requests[0]?.stream).toBe(false);
  });

  it("reads cache writes and reads from a recorded prompt-cache stream", async () => {
    upstream.enqueue({ kind: "fixture", fixture: "anthropic-code-execution-20260120-prompt-cache.1" });
    const { stream } = await registry.languageModel("anthropic:claude-sonnet-4-5").doStream({
      prompt: [{ role: "user", content: [{ type: "text", text: "Run the code" }] }],
    });
    const parts = [];
    for await (const part of stream) parts.push(part);

    const finish = parts.find((part) => part.type === "finish");
    expect(finish?.type === "finish" && finish.usage.inputTokens.cacheRead).toBe(6289);
    expect(finish?.type === "finish" && finish.usage.inputTokens.cacheWrite).toBe(3337);
  });

  it("reports the missing key by its variable name when ANTHROPIC_API_KEY is absent", () => {
    const bare = createProviderRegistry({
      models: modelsSchema.parse({}),
      env: { ANTHROPIC_BASE_URL: upstream.baseURL, ANTHROPIC_API_KEY: "  " },
      workspaceRoot: process.cwd(),
    });
    expect(bare.availability("anthropic:claude-sonnet-4-5")).toEqual({
      ok: false,
      reason: "missing-key",
      message: "anthropic:claude-sonnet-4-5 needs ANTHROPIC_API_KEY",
      missingVariable: "ANTHROPIC_API_KEY",
    });
  });
});
