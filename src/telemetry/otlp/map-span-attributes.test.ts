import { describe, expect, it } from "vitest";
import { attributeMappingRules, mapSpanAttributes } from "./map-span-attributes.js";

describe("mapSpanAttributes: each convention on its own", () => {
  it("reads OpenTelemetry GenAI and gantry.* attributes without adding anything", () => {
    const mapped = mapSpanAttributes({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.response.model": "gpt-4o-2024-08-06",
      "gen_ai.agent.name": "triage",
      "gen_ai.usage.input_tokens": 1200,
      "gen_ai.usage.output_tokens": 80,
      "gen_ai.usage.cache_read.input_tokens": 1000,
      "gen_ai.usage.reasoning.output_tokens": 20,
      "gantry.session.id": "session-1",
      "gantry.cost.micros": 4_250,
    });
    expect(mapped.values).toEqual({
      operation: "chat",
      provider: "openai",
      requestModel: "gpt-4o",
      responseModel: "gpt-4o-2024-08-06",
      agent: "triage",
      inputTokens: 1200,
      outputTokens: 80,
      cacheReadInputTokens: 1000,
      reasoningOutputTokens: 20,
      sessionId: "session-1",
      costMicros: 4_250,
    });
    expect(mapped.mappedFrom).toMatchObject({
      requestModel: "gen_ai",
      sessionId: "gantry",
      costMicros: "gantry",
    });
    expect(mapped.added).toEqual({});
  });

  it("reads OpenInference attributes and adds the normalised GenAI keys", () => {
    const mapped = mapSpanAttributes({
      "openinference.span.kind": "LLM",
      "llm.model_name": "claude-sonnet-4-5",
      "llm.provider": "anthropic",
      "llm.token_count.prompt": 900,
      "llm.token_count.completion": 40,
      "llm.token_count.total": 940,
      "llm.token_count.prompt_details.cache_read": 512,
      "llm.token_count.prompt_details.cache_write": 128,
      "llm.token_count.completion_details.reasoning": 12,
      "llm.cost.total": 0.001234,
      "session.id": "conversation-9",
      "agent.name": "researcher",
    });
    expect(mapped.added).toEqual({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "anthropic",
      "gen_ai.request.model": "claude-sonnet-4-5",
      "gen_ai.agent.name": "researcher",
      "gantry.session.id": "conversation-9",
      "gantry.cost.micros": 1234,
      "gen_ai.usage.input_tokens": 900,
      "gen_ai.usage.output_tokens": 40,
      "gen_ai.usage.cache_read.input_tokens": 512,
      "gen_ai.usage.cache_creation.input_tokens": 128,
      "gen_ai.usage.reasoning.output_tokens": 12,
    });
    expect(new Set(Object.values(mapped.mappedFrom))).toEqual(new Set(["openinference"]));
  });

  it("maps OpenInference TOOL, AGENT and EMBEDDING spans to GenAI operations, and leaves CHAIN alone", () => {
    expect(mapSpanAttributes({ "openinference.span.kind": "TOOL", "tool.name": "lookup" }).added).toEqual({
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": "lookup",
    });
    expect(mapSpanAttributes({ "openinference.span.kind": "AGENT" }).values.operation).toBe("invoke_agent");
    expect(mapSpanAttributes({ "openinference.span.kind": "EMBEDDING" }).values.operation).toBe("embeddings");
    expect(mapSpanAttributes({ "openinference.span.kind": "CHAIN" }).values.operation).toBeUndefined();
  });

  it("reads Vercel AI SDK telemetry, old and new usage names, metadata and operation ids", () => {
    const mapped = mapSpanAttributes({
      "operation.name": "ai.generateText.doGenerate support-bot",
      "ai.operationId": "ai.generateText.doGenerate",
      "ai.model.id": "gpt-4o-mini",
      "ai.model.provider": "openai.chat",
      "ai.response.model": "gpt-4o-mini-2024-07-18",
      "ai.usage.promptTokens": 300,
      "ai.usage.completionTokens": 25,
      "ai.usage.cachedInputTokens": 128,
      "ai.usage.reasoningTokens": 7,
      "ai.telemetry.metadata.sessionId": "chat-42",
      "ai.telemetry.metadata.agent": "support-bot",
    });
    expect(mapped.values).toEqual({
      operation: "chat",
      provider: "openai",
      requestModel: "gpt-4o-mini",
      responseModel: "gpt-4o-mini-2024-07-18",
      inputTokens: 300,
      outputTokens: 25,
      cacheReadInputTokens: 128,
      reasoningOutputTokens: 7,
      sessionId: "chat-42",
      agent: "support-bot",
    });
    expect(mapped.added["gen_ai.usage.input_tokens"]).toBe(300);
    expect(mapped.mappedFrom.inputTokens).toBe("vercel_ai");
    expect(mapSpanAttributes({ "ai.usage.inputTokens": 11 }).values.inputTokens).toBe(11);
    expect(
      mapSpanAttributes({ "ai.operationId": "ai.toolCall", "ai.toolCall.name": "search" }).added,
    ).toEqual({
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": "search",
    });
    expect(mapSpanAttributes({ "ai.model.provider": "google.vertex.chat" }).values.provider).toBe(
      "gcp.vertex_ai",
    );
    // The outer generateText span wraps several steps: no single GenAI operation.
    expect(mapSpanAttributes({ "ai.operationId": "ai.generateText" }).values.operation).toBeUndefined();
  });
});

describe("mapSpanAttributes: precedence", () => {
  it("prefers GenAI over OpenInference over Vercel AI SDK when they disagree", () => {
    const all = {
      "gen_ai.request.model": "from-gen-ai",
      "llm.model_name": "from-openinference",
      "ai.model.id": "from-vercel",
      "llm.token_count.prompt": 5,
      "ai.usage.inputTokens": 6,
      "ai.telemetry.metadata.sessionId": "vercel-session",
    };
    const mapped = mapSpanAttributes(all);
    expect(mapped.values).toMatchObject({
      requestModel: "from-gen-ai",
      inputTokens: 5,
      sessionId: "vercel-session",
    });
    expect(mapped.mappedFrom).toMatchObject({
      requestModel: "gen_ai",
      inputTokens: "openinference",
      sessionId: "vercel_ai",
    });
    // The winner is written under the GenAI key only when GenAI did not already say it.
    expect(mapped.added).toEqual({ "gen_ai.usage.input_tokens": 5, "gantry.session.id": "vercel-session" });
  });

  it("skips a wrongly typed value so a lower-priority source can still supply the field", () => {
    const mapped = mapSpanAttributes({
      "gen_ai.usage.input_tokens": "lots",
      "llm.token_count.prompt": 1.5,
      "ai.usage.inputTokens": "42",
      "gantry.cost.micros": 12.5,
      "llm.cost.total": -1,
      "gen_ai.request.model": "",
      "llm.model_name": 7,
    });
    expect(mapped.values).toEqual({ inputTokens: 42 });
    expect(mapped.mappedFrom).toEqual({ inputTokens: "vercel_ai" });
  });

  it("lists each field's sources from the highest-priority convention down", () => {
    const rank = { gen_ai: 0, gantry: 0, openinference: 1, vercel_ai: 2 };
    for (const rule of attributeMappingRules) {
      const ranks = rule.sources.map((source) => rank[source.convention]);
      expect(ranks, rule.field).toEqual([...ranks].sort());
    }
  });
});
