import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTelemetry, type Telemetry } from "../../src/telemetry/index.js";
import { attributeMap, type LoopbackCollector, startLoopbackCollector } from "./otlp-collector.js";

// Acceptance 3: spans exported to an OTLP collector carry the gen_ai.* names. The collector is a real
// HTTP server on loopback receiving what the official OTLP/HTTP exporter sends.

let collector: LoopbackCollector;
let telemetry: Telemetry | undefined;
beforeEach(async () => {
  collector = await startLoopbackCollector();
});
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
  await collector.close();
});

async function runAgent(active: Telemetry): Promise<void> {
  await active.startAgentSpan({ name: "triage", sessionId: "session-7" }, async () => {
    await active.startChatSpan({ model: "openai:gpt-4o-mini", maxTokens: 256 }, (span) => {
      active.recordChatResult(span, {
        responseModel: "openai:gpt-4o-mini-2024-07-18",
        finishReasons: ["stop"],
        usage: { input: 90, cacheRead: 10, cacheWrite: 4, output: 25, reasoning: 5 },
        cost: { micros: 321, source: "computed" },
        attempts: [
          { number: 1, modelId: "openai:gpt-4o-mini", provider: "openai", durationMs: 5, outcome: "error" },
          { number: 2, modelId: "openai:gpt-4o-mini", provider: "openai", durationMs: 9, outcome: "success" },
        ],
      });
      active.setSignals(span, { grounded: true, confidence: 0.9 });
    });
    await active.startToolSpan({ name: "lookup_order", callId: "call_1", type: "function" }, () => "ok");
  });
}

describe("OTLP/HTTP export", () => {
  it("sends spans with the gen_ai.* and gantry.* names to a loopback collector", async () => {
    telemetry = createTelemetry({
      serviceName: "otlp-test",
      otlp: { url: collector.url, headers: { "x-team": "a" } },
    });
    await runAgent(telemetry);
    await telemetry.flush();

    expect(collector.requests.length).toBeGreaterThan(0);
    expect(collector.requests[0]?.path).toBe("/v1/traces");
    expect(collector.requests[0]?.headers["content-type"]).toMatch(/application\/json/);
    expect(collector.requests[0]?.headers["x-team"]).toBe("a");
    const resource = attributeMap(collector.requests[0]?.body.resourceSpans[0]?.resource?.attributes);
    expect(resource["service.name"]).toBe("otlp-test");

    const spans = collector.spans();
    expect(spans.map((span) => span.name).sort()).toEqual([
      "chat gpt-4o-mini",
      "execute_tool lookup_order",
      "invoke_agent triage",
    ]);
    const chat = spans.find((span) => span.name === "chat gpt-4o-mini")!;
    expect(chat.kind).toBe(3); // OTLP SPAN_KIND_CLIENT
    expect(attributeMap(chat.attributes)).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.request.max_tokens": 256,
      "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.usage.input_tokens": 104,
      "gen_ai.usage.output_tokens": 30,
      "gen_ai.usage.cache_read.input_tokens": 10,
      "gen_ai.usage.cache_creation.input_tokens": 4,
      "gen_ai.usage.reasoning.output_tokens": 5,
      "gantry.cost.micros": 321,
      "gantry.cost.source": "computed",
      "gantry.model.attempt_count": 2,
      "gantry.session.id": "session-7",
      "gantry.agent.name": "triage",
      "gantry.signal.grounded": true,
    });
    const agent = spans.find((span) => span.name === "invoke_agent triage")!;
    expect(attributeMap(agent.attributes)).toMatchObject({
      "gen_ai.operation.name": "invoke_agent",
      "gen_ai.agent.name": "triage",
    });
    expect(chat.parentSpanId).toBe(agent.spanId);
    const tool = spans.find((span) => span.name === "execute_tool lookup_order")!;
    expect(attributeMap(tool.attributes)).toMatchObject({
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": "lookup_order",
      "gen_ai.tool.call.id": "call_1",
      "gen_ai.tool.type": "function",
    });
    expect(telemetry.stats().exporters.otlp).toMatchObject({ exported: 3, failed: 0, dropped: 0 });
  });

  it("counts spans the collector rejects as failed, without failing the run", async () => {
    collector.respondWith(400);
    telemetry = createTelemetry({ serviceName: "otlp-test", otlp: { url: collector.url } });
    await runAgent(telemetry);
    await telemetry.flush();
    const stats = telemetry.stats().exporters.otlp;
    expect(stats).toMatchObject({ exported: 0, failed: 3 });
    expect(stats?.lastError).toBeTruthy();
  });
});
