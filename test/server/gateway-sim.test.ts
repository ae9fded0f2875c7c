import OpenAI from "openai";
import type { ChatCompletionTool } from "openai/resources/chat/completions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readJson } from "../support/read-json.js";
import { startTestGateway, type TestGateway } from "./gateway-server.js";

// The official `openai` client against the gateway on the embedded sim model: no provider keys.

const greeting =
  "Hello! I'm the support assistant. I can help with orders, refunds, shipping and account questions. What can I do for you today?";

const lookupOrder: ChatCompletionTool = {
  type: "function",
  function: {
    name: "lookup_order",
    description: "Look up an order's status by its order id",
    parameters: {
      type: "object",
      properties: { orderId: { type: "string" } },
      required: ["orderId"],
      additionalProperties: false,
    },
  },
};

describe("gateway on the sim model", () => {
  let gateway: TestGateway;
  let client: OpenAI;

  beforeAll(async () => {
    gateway = await startTestGateway(`export default { models: { tiers: { small: ["sim:fast"] } } };`);
    client = gateway.client();
  });
  afterAll(() => gateway?.close());

  it("answers a plain request with the chosen model, usage and x-gantry headers", async () => {
    const { data, response } = await client.chat.completions
      .create({ model: "tier:small", messages: [{ role: "user", content: "hello" }] })
      .withResponse();
    expect(data.object).toBe("chat.completion");
    expect(data.id).toMatch(/^chatcmpl-/);
    expect(data.model).toBe("sim:fast");
    expect(data.choices[0]?.message).toMatchObject({ role: "assistant", content: greeting });
    expect(data.choices[0]?.finish_reason).toBe("stop");
    expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(data.usage?.total_tokens).toBe(
      (data.usage?.prompt_tokens ?? 0) + (data.usage?.completion_tokens ?? 0),
    );
    expect(response.headers.get("x-gantry-model")).toBe("sim:fast");
    expect(response.headers.get("x-gantry-attempts")).toBe("1");
    expect(JSON.parse(response.headers.get("x-gantry-attempts-detail") ?? "[]")).toEqual([
      expect.objectContaining({ number: 1, model: "sim:fast", outcome: "success" }),
    ]);
    expect(response.headers.get("x-gantry-cost-micros")).toMatch(/^(\d+|unknown)$/);
    expect(response.headers.get("x-gantry-cost-source")).toMatch(/^(computed|reported|unknown)$/);
    expect(response.headers.get("x-gantry-route")).toBe("tier=small; reason=tier; candidates=sim:fast");
  });

  it("maps a bare tier name to the tier", async () => {
    const completion = await client.chat.completions.create({
      model: "small",
      messages: [{ role: "user", content: "hello" }],
    });
    expect(completion.model).toBe("sim:fast");
  });

  it("streams the same answer as chunks, with usage and the Gantry summary at the end", async () => {
    const { data: stream, response } = await client.chat.completions
      .create({
        model: "tier:small",
        messages: [{ role: "user", content: "hello" }],
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    expect(response.headers.get("x-gantry-model")).toBe("sim:fast");
    expect(response.headers.get("x-gantry-route")).toBe("tier=small; reason=tier; candidates=sim:fast");
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(new Set(chunks.map((chunk) => chunk.model))).toEqual(new Set(["sim:fast"]));
    expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(text).toBe(greeting);
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBeGreaterThan(1);
    const finish = chunks.find((chunk) => chunk.choices[0]?.finish_reason);
    expect(finish?.choices[0]?.finish_reason).toBe("stop");
    const last = chunks.at(-1) as (typeof chunks)[number] & { x_gantry?: Record<string, unknown> };
    expect(last.choices).toEqual([]);
    expect(last.usage?.completion_tokens).toBeGreaterThan(0);
    expect(last.x_gantry).toMatchObject({ model: "sim:fast", attempts: 1, cache: "miss" });
  });

  it("calls a tool, then answers from the tool's result", async () => {
    const question = { role: "user" as const, content: "Where is my order 12345?" };
    const first = await client.chat.completions.create({
      model: "tier:small",
      messages: [question],
      tools: [lookupOrder],
    });
    const choice = first.choices[0]!;
    expect(choice.finish_reason).toBe("tool_calls");
    expect(choice.message.content).toBeNull();
    const call = choice.message.tool_calls?.[0];
    expect(call?.type).toBe("function");
    if (call?.type !== "function") throw new Error("expected a function call");
    expect(call.function.name).toBe("lookup_order");
    expect(JSON.parse(call.function.arguments)).toEqual({ orderId: expect.stringContaining("12345") });

    const second = await client.chat.completions.create({
      model: "tier:small",
      tools: [lookupOrder],
      messages: [
        question,
        choice.message,
        { role: "tool", tool_call_id: call.id, content: '{"status":"shipped"}' },
      ],
    });
    expect(second.choices[0]?.finish_reason).toBe("stop");
    expect(second.choices[0]?.message.content).toContain("lookup_order");
    expect(second.choices[0]?.message.content).toContain("shipped");
  });

  it("streams tool calls that the SDK's accumulator assembles", async () => {
    const runner = client.chat.completions.stream({
      model: "tier:small",
      messages: [{ role: "user", content: "Where is my order 777?" }],
      tools: [lookupOrder],
    });
    const completion = await runner.finalChatCompletion();
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
    if (call?.type !== "function") throw new Error("expected a function call");
    expect(call.function.name).toBe("lookup_order");
    expect(call.id.length).toBeGreaterThan(0);
    expect(JSON.parse(call.function.arguments)).toEqual({ orderId: expect.stringContaining("777") });
  });

  it("returns JSON that fits a json_schema response format", async () => {
    const completion = await client.chat.completions.create({
      model: "tier:small",
      messages: [{ role: "user", content: "Classify: my parcel never arrived" }],
      response_format: {
        type: "json_schema",
        json_schema: {
          name: "triage",
          strict: true,
          schema: {
            type: "object",
            properties: {
              category: { type: "string", enum: ["shipping", "billing", "other"] },
              urgent: { type: "boolean" },
            },
            required: ["category", "urgent"],
            additionalProperties: false,
          },
        },
      },
    });
    const parsed = JSON.parse(completion.choices[0]?.message.content ?? "");
    expect(["shipping", "billing", "other"]).toContain(parsed.category);
    expect(typeof parsed.urgent).toBe("boolean");
  });

  it("lists models and tiers in OpenAI's shape", async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining(["sim:fast", "sim:default", "tier:small"]));
    const raw = await readJson(await fetch(`${gateway.server.url}/v1/models`));
    expect(raw.object).toBe("list");
    expect(raw.data).toContainEqual(
      expect.objectContaining({
        id: "tier:small",
        object: "model",
        owned_by: "gantry",
        x_gantry: expect.objectContaining({ kind: "tier", candidates: ["sim:fast"], available: true }),
      }),
    );
  });

  it("answers mistakes in OpenAI's error shape with the field named", async () => {
    const invalid = await client.chat.completions
      .create({ model: "tier:small", messages: [{ role: "robot", content: "x" }] } as never)
      .catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(OpenAI.BadRequestError);
    expect(invalid).toMatchObject({
      status: 400,
      code: "GATEWAY_REQUEST_INVALID",
      param: "messages[0].role",
    });

    const unknownTier = await client.chat.completions
      .create({ model: "tier:huge", messages: [{ role: "user", content: "x" }] })
      .catch((error: unknown) => error);
    expect(unknownTier).toBeInstanceOf(OpenAI.BadRequestError);
    expect(unknownTier).toMatchObject({ code: "MODEL_TIER_UNKNOWN", type: "invalid_request_error" });

    const notJson = await fetch(`${gateway.server.url}/v1/chat/completions`, { method: "POST", body: "{" });
    expect(notJson.status).toBe(400);
    expect(await readJson(notJson)).toEqual({
      error: expect.objectContaining({
        code: "GATEWAY_REQUEST_INVALID",
        type: "invalid_request_error",
        param: null,
      }),
    });

    const missing = await fetch(`${gateway.server.url}/v1/embeddings`, { method: "POST", body: "{}" });
    expect(missing.status).toBe(404);
    expect((await readJson(missing)).error).toMatchObject({
      code: "ROUTE_NOT_FOUND",
      type: "not_found_error",
    });
  });
});
