import { createProviderRegistry, generateText, stepCountIs, tool } from "ai";
import { Tiktoken } from "js-tiktoken/lite";
import o200kBase from "js-tiktoken/ranks/o200k_base";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { GantryError } from "../../src/core/index.js";
import { createSimProvider, simModel } from "../../src/models/index.js";

const tokenizer = new Tiktoken(o200kBase);

const supportTools = {
  lookup_order: tool({
    description: "Look up an order and its shipping status by order id",
    inputSchema: z.object({ orderId: z.string() }),
    execute: async ({ orderId }) => ({ orderId, status: "shipped", carrier: "DHL" }),
  }),
  issue_refund: tool({
    description: "Issue a refund for an order",
    inputSchema: z.object({ orderId: z.string(), reason: z.string() }),
    execute: async () => ({ refunded: true }),
  }),
};

describe("sim model through generateText", () => {
  it("answers with zero configuration from the built-in support-desk scenario", async () => {
    const result = await generateText({ model: simModel(), prompt: "Hello there" });
    expect(result.text).toMatch(/^Hello! I'm the support assistant/);
    expect(result.finishReason).toBe("stop");
    expect(result.providerMetadata?.sim).toMatchObject({
      rule: "greeting",
      version: "2026-01",
      refused: false,
    });
    expect(result.response.modelId).toBe("default@2026-01");
  });

  it("reports output tokens equal to the tokenizer's count of the reply", async () => {
    const model = simModel("sim:default", {
      scenarios: [
        {
          rules: [
            { reply: { text: "Your refund of €42.50 was issued on 3 March — expect it in 5–10 days." } },
          ],
        },
      ],
    });
    const result = await generateText({ model, prompt: "Where is my refund?" });
    expect(result.usage.outputTokens).toBe(tokenizer.encode(result.text).length);
    expect(result.usage.inputTokens).toBe(tokenizer.encode("user: Where is my refund?").length);
    expect(result.usage.inputTokenDetails).toEqual({
      noCacheTokens: result.usage.inputTokens,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    });
    expect(result.usage.outputTokenDetails.reasoningTokens).toBe(0);
  });

  it("calls the best-fitting offered tool with arguments from the user's words, then summarises its result", async () => {
    const result = await generateText({
      model: simModel(),
      prompt: "Where is my order A-1234?",
      tools: supportTools,
      stopWhen: stepCountIs(3),
    });
    const [first, second] = result.steps;
    expect(first?.toolCalls.map((call) => [call.toolName, call.input])).toEqual([
      ["lookup_order", { orderId: "A-1234" }],
    ]);
    expect(first?.finishReason).toBe("tool-calls");
    expect(second?.text).toContain('"status":"shipped"');
    expect(second?.providerMetadata?.sim?.rule).toBe("summarise-tool-result");
    // The tool round is billed as input on the second step.
    expect(second!.usage.inputTokens!).toBeGreaterThan(first!.usage.inputTokens!);
  });

  it("follows a scripted tool call with templated arguments and a templated answer", async () => {
    const model = simModel("sim:default", {
      scenarios: [
        {
          rules: [
            {
              match: { toolResults: ["get_weather"] },
              reply: {
                text: "It is {{toolResult.get_weather.condition}} and {{toolResult.get_weather.celsius}}°C.",
              },
            },
            {
              match: { lastUserText: { regex: "weather in \\w+" }, toolsOffered: ["get_weather"] },
              reply: {
                toolCalls: [
                  { name: "get_weather", arguments: { request: "{{lastUserText}}", units: "metric" } },
                ],
              },
            },
          ],
        },
      ],
    });
    const result = await generateText({
      model,
      prompt: "What is the weather in Lyon?",
      tools: {
        get_weather: tool({
          inputSchema: z.object({ request: z.string(), units: z.string() }),
          execute: async ({ units }) => ({ condition: "sunny", celsius: units === "metric" ? 21 : 70 }),
        }),
      },
      stopWhen: stepCountIs(3),
    });
    expect(result.steps[0]?.toolCalls[0]?.input).toEqual({
      request: "What is the weather in Lyon?",
      units: "metric",
    });
    expect(result.text).toBe("It is sunny and 21°C.");
  });

  it("honours toolChoice: none suppresses tool calls, a named tool is forced", async () => {
    const none = await generateText({
      model: simModel(),
      prompt: "Where is my order A-1?",
      tools: supportTools,
      toolChoice: "none",
    });
    expect(none.toolCalls).toEqual([]);
    expect(none.text.length).toBeGreaterThan(0);
    const forced = await generateText({
      model: simModel(),
      prompt: "Where is my order A-1?",
      tools: supportTools,
      toolChoice: { type: "tool", toolName: "issue_refund" },
    });
    expect(forced.toolCalls.map((call) => call.toolName)).toEqual(["issue_refund"]);
  });

  it("stops at maxOutputTokens with finish reason length, and at stop sequences", async () => {
    const capped = await generateText({ model: simModel(), prompt: "help", maxOutputTokens: 5 });
    expect(capped.finishReason).toBe("length");
    expect(capped.usage.outputTokens).toBeLessThanOrEqual(5);
    expect(capped.text.length).toBeGreaterThan(0);
    const stopped = await generateText({ model: simModel(), prompt: "help", stopSequences: [","] });
    expect(stopped.text).toBe("I can look up orders and their shipping status");
  });

  it("works behind an AI SDK provider registry with versioned ids", async () => {
    const registry = createProviderRegistry({ sim: createSimProvider({ seed: 3 }) });
    const result = await generateText({ model: registry.languageModel("sim:fast@2026-06"), prompt: "hello" });
    expect(result.response.modelId).toBe("fast@2026-06");
  });

  it("rejects unknown model families at once and unknown versions on the first call", async () => {
    const provider = createSimProvider();
    expect(() => provider.languageModel("sim:huge")).toThrow(/Unknown sim model "sim:huge"/);
    const error = await generateText({
      model: provider("default@1999-01"),
      prompt: "hi",
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    expect(GantryError.isInstance(error) && error.code).toBe("SIM_VERSION_UNKNOWN");
  });
});
