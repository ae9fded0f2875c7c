import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type FakeUpstream,
  loadWireFixture,
  startFakeOpenAIServer,
} from "../support/fake-upstreams/index.js";
import { startTestGateway, type TestGateway } from "./gateway-server.js";

// The official `openai` client against the gateway, which calls a loopback fake OpenAI upstream.
// Prices are overridden so the expected cost is plain arithmetic: $1, $0.50 and $2 per 1M tokens
// for input, cache reads and output = 1, 0.5 and 2 micro-USD per token.
const config = `export default {
  models: {
    tiers: { small: ["openai:gpt-4o-mini"] },
    prices: {
      overrides: {
        "openai:gpt-4o-mini": {
          input_cost_per_token: 0.000001,
          cache_read_input_token_cost: 0.0000005,
          output_cost_per_token: 0.000002,
        },
      },
    },
    retry: { initialBackoffMs: 1, maxBackoffMs: 2, retriesPerCandidate: 1 },
  },
};`;

const usage = { inputTokens: 1000, outputTokens: 500, cachedInputTokens: 200 };
// 800 uncached input x 1 + 200 cache reads x 0.5 + 500 output x 2
const expectedCostMicros = 1900;

describe("gateway in front of a fake OpenAI upstream", () => {
  let upstream: FakeUpstream;
  let gateway: TestGateway;
  let client: OpenAI;

  beforeAll(async () => {
    upstream = await startFakeOpenAIServer();
    gateway = await startTestGateway(config, {
      OPENAI_API_KEY: "upstream-key",
      OPENAI_BASE_URL: upstream.baseURL,
    });
    client = gateway.client();
  });
  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });
  beforeEach(() => {
    upstream.requests.length = 0;
  });

  it("relays a plain request and prices the upstream's usage in the cost header", async () => {
    upstream.enqueue({ kind: "text", text: "Parcel located.", usage });
    const { data, response } = await client.chat.completions
      .create({
        model: "tier:small",
        messages: [{ role: "user", content: "where is it?" }],
        temperature: 0.1,
      })
      .withResponse();
    expect(data.model).toBe("openai:gpt-4o-mini");
    expect(data.choices[0]?.message.content).toBe("Parcel located.");
    expect(data.usage).toMatchObject({
      prompt_tokens: 1000,
      completion_tokens: 500,
      total_tokens: 1500,
      prompt_tokens_details: { cached_tokens: 200 },
    });
    expect(response.headers.get("x-gantry-model")).toBe("openai:gpt-4o-mini");
    expect(response.headers.get("x-gantry-cost-micros")).toBe(String(expectedCostMicros));
    expect(response.headers.get("x-gantry-cost-source")).toBe("computed");
    const sent = upstream.requests[0]!;
    expect(sent.headers.authorization).toBe("Bearer upstream-key");
    expect(sent.body).toMatchObject({
      model: "gpt-4o-mini",
      temperature: 0.1,
      messages: [{ role: "user", content: "where is it?" }],
    });
  });

  it("relays a recorded OpenAI answer unchanged", async () => {
    const fixture = loadWireFixture("openai-text");
    const completion = await client.chat.completions.create({
      model: "openai:gpt-4o-mini",
      messages: [{ role: "user", content: "Invent a holiday" }],
    });
    const recorded = (fixture.json as { choices: Array<{ message: { content: string } }> }).choices[0]!;
    expect(completion.choices[0]?.message.content).toBe(recorded.message.content);
  });

  it("streams the upstream's answer with usage and the cost in the final chunk", async () => {
    upstream.enqueue({ kind: "text", text: "Your parcel is in Lyon and arrives tomorrow.", usage });
    const stream = await client.chat.completions.create({
      model: "tier:small",
      messages: [{ role: "user", content: "where is it?" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(text).toBe("Your parcel is in Lyon and arrives tomorrow.");
    const last = chunks.at(-1) as (typeof chunks)[number] & { x_gantry?: Record<string, unknown> };
    expect(last.usage).toMatchObject({ prompt_tokens: 1000, completion_tokens: 500 });
    expect(last.x_gantry).toMatchObject({
      model: "openai:gpt-4o-mini",
      cost_micros: expectedCostMicros,
      cost_source: "computed",
    });
    expect(upstream.requests[0]?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("relays tool calls, plain and streamed, from recorded traffic", async () => {
    const tools = [
      {
        type: "function" as const,
        function: {
          name: "weather",
          parameters: { type: "object", properties: { location: { type: "string" } } },
        },
      },
    ];
    upstream.enqueue(
      { kind: "fixture", fixture: "xai-tool-call" },
      { kind: "fixture", fixture: "xai-tool-call" },
    );
    const plain = await client.chat.completions.create({
      model: "tier:small",
      messages: [{ role: "user", content: "Weather in San Francisco?" }],
      tools,
    });
    const streamed = await client.chat.completions
      .stream({
        model: "tier:small",
        messages: [{ role: "user", content: "Weather in San Francisco?" }],
        tools,
      })
      .finalChatCompletion();
    for (const completion of [plain, streamed]) {
      const call = completion.choices[0]?.message.tool_calls?.[0];
      expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
      if (call?.type !== "function") throw new Error("expected a function call");
      expect(call.function.name).toBe("weather");
      expect(JSON.parse(call.function.arguments)).toEqual({
        location: expect.stringContaining("San Francisco"),
      });
    }
    expect(upstream.requests[0]?.body.tools[0]).toMatchObject({
      type: "function",
      function: { name: "weather" },
    });
  });

  it("forwards json_schema response formats, tool choice and the end user to the upstream", async () => {
    upstream.enqueue({ kind: "text", text: '{"category":"shipping"}', usage });
    const schema = {
      type: "object",
      properties: { category: { type: "string" } },
      required: ["category"],
      additionalProperties: false,
    };
    const completion = await client.chat.completions.create({
      model: "tier:small",
      messages: [{ role: "user", content: "Classify: parcel lost" }],
      response_format: { type: "json_schema", json_schema: { name: "triage", schema, strict: true } },
      user: "customer-7",
      max_completion_tokens: 50,
    });
    expect(JSON.parse(completion.choices[0]?.message.content ?? "")).toEqual({ category: "shipping" });
    expect(upstream.requests[0]?.body).toMatchObject({
      response_format: { type: "json_schema", json_schema: { name: "triage", schema, strict: true } },
      user: "customer-7",
      max_tokens: 50,
    });
  });

  it("retries a 429 and reports both attempts in the headers", async () => {
    upstream.enqueue({ status: 429, retryAfterMs: 1 }, { kind: "text", text: "ok", usage });
    const { data, response } = await client.chat.completions
      .create({ model: "tier:small", messages: [{ role: "user", content: "hi" }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe("ok");
    expect(response.headers.get("x-gantry-attempts")).toBe("2");
    const detail = JSON.parse(response.headers.get("x-gantry-attempts-detail") ?? "[]");
    expect(detail).toEqual([
      expect.objectContaining({ number: 1, model: "openai:gpt-4o-mini", outcome: "error", status: 429 }),
      expect.objectContaining({ number: 2, model: "openai:gpt-4o-mini", outcome: "success" }),
    ]);
    // Only the successful attempt is billed in this fake: the 429 reported no usage.
    expect(response.headers.get("x-gantry-cost-micros")).toBe(String(expectedCostMicros));
  });

  it("fails a stream over before its first content and says so in the summary", async () => {
    upstream.enqueue({ status: 503 }, { kind: "text", text: "Back again.", usage });
    const { data: stream, response } = await client.chat.completions
      .create({
        model: "tier:small",
        messages: [{ role: "user", content: "hi" }],
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    expect(response.headers.get("x-gantry-model")).toBe("openai:gpt-4o-mini");
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("")).toBe("Back again.");
    const summary = (chunks.at(-1) as { x_gantry?: { attempts: number; attempts_detail: unknown[] } })
      .x_gantry;
    expect(summary?.attempts).toBe(2);
    expect(summary?.attempts_detail[0]).toMatchObject({ outcome: "error", status: 503 });
    expect(upstream.requests).toHaveLength(2);
  });

  it("answers with an OpenAI-shaped 5xx when every attempt fails", async () => {
    upstream.enqueue({ status: 500 }, { status: 500 });
    const failure = await client.chat.completions
      .create({ model: "tier:small", messages: [{ role: "user", content: "hi" }] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    const error = failure as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBeGreaterThanOrEqual(500);
    expect(error.type).toBe("api_error");
    expect(typeof error.code).toBe("string");
    expect(upstream.requests).toHaveLength(2);
  });

  it("passes a provider's rate limit on as a 429 with Retry-After", async () => {
    // 30 s is longer than the client holds a request (maxRetryAfterWaitMs, 5 s by default).
    upstream.enqueue({ status: 429, retryAfterSeconds: 30 });
    const failure = await client.chat.completions
      .create({ model: "tier:small", messages: [{ role: "user", content: "hi" }] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.RateLimitError);
    const error = failure as InstanceType<typeof OpenAI.RateLimitError>;
    expect(error.code).toBe("MODEL_CALL_FAILED");
    const retryAfter = Number(error.headers?.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(29);
    expect(retryAfter).toBeLessThanOrEqual(30);
  });

  it("surfaces a stream cut after content as an error in the openai client, not a clean end", async () => {
    upstream.enqueue({ kind: "cut-after", chunks: 3 });
    const stream = await client.chat.completions.create({
      model: "tier:small",
      messages: [{ role: "user", content: "Invent a holiday" }],
      stream: true,
    });
    const received: string[] = [];
    const ending = await (async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? "");
    })().then(
      () => "clean end",
      (error: unknown) => error,
    );
    expect(ending).toBeInstanceOf(OpenAI.APIError);
    expect(ending).toMatchObject({ code: "MODEL_STREAM_INTERRUPTED" });
    expect(received.join("").length).toBeGreaterThan(0);
    // Content had been delivered, so the request is never re-sent.
    expect(upstream.requests).toHaveLength(1);
  });

  it("ends a raw stream that was cut with an error event and without [DONE]", async () => {
    upstream.enqueue({ kind: "cut-after", chunks: 3 });
    const response = await fetch(`${gateway.server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "tier:small", stream: true, messages: [{ role: "user", content: "x" }] }),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/event: error\ndata: \{"error":\{/);
    expect(text).not.toContain("[DONE]");
  });
});
