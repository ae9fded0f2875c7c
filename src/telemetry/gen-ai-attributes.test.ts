import { describe, expect, it } from "vitest";
import { GantryError } from "../core/index.js";
import {
  agentAttributes,
  attemptAttributes,
  chatRequestAttributes,
  chatResultAttributes,
  costAttributes,
  signalAttributes,
  toolAttributes,
  usageAttributes,
  workflowAttributes,
} from "./gen-ai-attributes.js";

describe("gen-ai attribute builders", () => {
  it("reports usage totals as the spec wants (cache inside input, reasoning inside output) and each bucket", () => {
    const attributes = usageAttributes({
      input: 100,
      cacheRead: 40,
      cacheWrite: 10,
      cacheWrite1h: 5,
      output: 30,
      reasoning: 20,
    });
    expect(attributes).toEqual({
      "gen_ai.usage.input_tokens": 155,
      "gen_ai.usage.output_tokens": 50,
      "gen_ai.usage.cache_read.input_tokens": 40,
      "gen_ai.usage.cache_creation.input_tokens": 15,
      "gen_ai.usage.reasoning.output_tokens": 20,
      "gantry.usage.cache_creation_1h.input_tokens": 5,
    });
  });

  it("records a known cost in micro-USD and an unknown one without any amount (never 0)", () => {
    expect(costAttributes({ micros: 1234, source: "computed", priceVersion: "2026-01" })).toEqual({
      "gantry.cost.micros": 1234,
      "gantry.cost.source": "computed",
      "gantry.cost.price_version": "2026-01",
    });
    const unknown = costAttributes({ micros: null, source: "unknown" });
    expect(unknown).toEqual({ "gantry.cost.source": "unknown" });
    expect("gantry.cost.micros" in unknown).toBe(false);
  });

  it("refuses a fractional or negative cost instead of rounding it", () => {
    for (const micros of [12.5, -1, Number.NaN]) {
      let caught: unknown;
      try {
        costAttributes({ micros, source: "computed" });
      } catch (error) {
        caught = error;
      }
      expect(GantryError.isInstance(caught)).toBe(true);
      expect((caught as GantryError).code).toBe("TELEMETRY_INVALID_COST");
      expect((caught as GantryError).hint).toMatch(/micro-USD/);
    }
  });

  it("keeps every attempt, retries and failover, as JSON with a count", () => {
    const attributes = attemptAttributes([
      {
        number: 1,
        modelId: "openai:gpt-4o",
        provider: "openai",
        durationMs: 120,
        outcome: "error",
        error: { code: "MODEL_RATE_LIMITED", statusCode: 429 },
      },
      {
        number: 2,
        modelId: "anthropic:claude-sonnet-4-5",
        provider: "anthropic",
        durationMs: 900,
        waitedMs: 250,
        outcome: "success",
        cost: { micros: 4100, source: "computed" },
      },
    ]);
    expect(attributes["gantry.model.attempt_count"]).toBe(2);
    expect(JSON.parse(String(attributes["gantry.model.attempts"]))).toEqual([
      {
        number: 1,
        model: "openai:gpt-4o",
        provider: "openai",
        outcome: "error",
        durationMs: 120,
        errorCode: "MODEL_RATE_LIMITED",
        statusCode: 429,
      },
      {
        number: 2,
        model: "anthropic:claude-sonnet-4-5",
        provider: "anthropic",
        outcome: "success",
        durationMs: 900,
        waitedMs: 250,
        costMicros: 4100,
      },
    ]);
  });

  it("builds chat request and result attributes from Gantry model ids", () => {
    expect(
      chatRequestAttributes({
        model: "openai:gpt-4o",
        temperature: 0.2,
        maxTokens: 300,
        prompt: { id: "triage", version: "1.2.0", hash: "abc" },
      }),
    ).toEqual({
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.temperature": 0.2,
      "gen_ai.request.max_tokens": 300,
      "gantry.prompt.id": "triage",
      "gantry.prompt.version": "1.2.0",
      "gantry.prompt.hash": "abc",
    });
    const result = chatResultAttributes({
      responseModel: "anthropic:claude-sonnet-4-5",
      responseId: "msg_1",
      finishReasons: ["stop"],
      usage: { input: 10, output: 5 },
      cost: { micros: 99, source: "computed" },
    });
    expect(result).toMatchObject({
      "gen_ai.response.model": "claude-sonnet-4-5",
      "gen_ai.provider.name": "anthropic",
      "gen_ai.response.id": "msg_1",
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.usage.input_tokens": 10,
      "gantry.cost.micros": 99,
    });
  });

  it("builds agent, tool, workflow and signal attributes with only the fields given", () => {
    expect(agentAttributes({ name: "triage", id: "agent_1", sessionId: "s1" })).toEqual({
      "gen_ai.operation.name": "invoke_agent",
      "gen_ai.agent.name": "triage",
      "gen_ai.agent.id": "agent_1",
      "gantry.session.id": "s1",
    });
    expect(toolAttributes({ name: "lookup", callId: "call_1", type: "function" })).toEqual({
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": "lookup",
      "gen_ai.tool.call.id": "call_1",
      "gen_ai.tool.type": "function",
    });
    expect(workflowAttributes({ name: "refunds" })).toEqual({
      "gen_ai.operation.name": "invoke_workflow",
      "gen_ai.workflow.name": "refunds",
    });
    expect(signalAttributes({ grounded: false, confidence: 0.3, outcome: "escalated" })).toEqual({
      "gantry.signal.grounded": false,
      "gantry.signal.confidence": 0.3,
      "gantry.outcome": "escalated",
    });
  });
});
