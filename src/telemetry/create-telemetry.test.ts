import { SpanKind } from "@opentelemetry/api";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterEach, describe, expect, it } from "vitest";
import { GantryError } from "../core/index.js";
import { createTelemetry, type Telemetry, type TelemetryOptions } from "./create-telemetry.js";

let telemetry: Telemetry | undefined;
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
});

function setup(options: Partial<TelemetryOptions> = {}) {
  const memory = new InMemorySpanExporter();
  telemetry = createTelemetry({ serviceName: "test-service", exporters: { memory }, ...options });
  const spans = async () => {
    await telemetry!.flush();
    return memory.getFinishedSpans();
  };
  const byName = (list: ReadableSpan[], name: string) => {
    const found = list.find((span) => span.name === name);
    if (!found) throw new Error(`no span '${name}' among ${list.map((span) => span.name).join(", ")}`);
    return found;
  };
  return { telemetry, spans, byName };
}

describe("createTelemetry", () => {
  it("names agent, chat, tool and workflow spans by the GenAI conventions, nested under one root", async () => {
    const { telemetry, spans, byName } = setup();
    await telemetry.startWorkflowSpan({ name: "refunds", sessionId: "session-1" }, () =>
      telemetry.startAgentSpan({ name: "triage", id: "agent-7" }, async () => {
        await telemetry.startChatSpan({ model: "openai:gpt-4o", temperature: 0 }, (span) => {
          telemetry.recordChatResult(span, {
            responseModel: "openai:gpt-4o-2024-08-06",
            finishReasons: ["tool-calls"],
            usage: { input: 100, cacheRead: 20, output: 10, reasoning: 5 },
            cost: { micros: 1500, source: "computed" },
            attempts: [
              { number: 1, modelId: "openai:gpt-4o", provider: "openai", durationMs: 20, outcome: "success" },
            ],
          });
        });
        await telemetry.startToolSpan(
          { name: "lookup_order", callId: "call_1", arguments: { id: 1 } },
          () => "found",
        );
      }),
    );
    const list = await spans();
    const workflow = byName(list, "invoke_workflow refunds");
    const agent = byName(list, "invoke_agent triage");
    const chat = byName(list, "chat gpt-4o");
    const tool = byName(list, "execute_tool lookup_order");
    expect(workflow.parentSpanContext).toBeUndefined();
    expect(agent.parentSpanContext?.spanId).toBe(workflow.spanContext().spanId);
    expect(chat.parentSpanContext?.spanId).toBe(agent.spanContext().spanId);
    expect(tool.parentSpanContext?.spanId).toBe(agent.spanContext().spanId);
    expect([workflow.kind, agent.kind, chat.kind, tool.kind]).toEqual([
      SpanKind.INTERNAL,
      SpanKind.INTERNAL,
      SpanKind.CLIENT,
      SpanKind.INTERNAL,
    ]);
    expect(chat.attributes).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.response.model": "gpt-4o-2024-08-06",
      "gen_ai.response.finish_reasons": ["tool-calls"],
      "gen_ai.usage.input_tokens": 120,
      "gen_ai.usage.output_tokens": 15,
      "gen_ai.usage.cache_read.input_tokens": 20,
      "gen_ai.usage.reasoning.output_tokens": 5,
      "gantry.cost.micros": 1500,
      "gantry.model.attempt_count": 1,
    });
    expect(agent.attributes).toMatchObject({ "gen_ai.agent.name": "triage", "gen_ai.agent.id": "agent-7" });
    expect(chat.resource.attributes["service.name"]).toBe("test-service");
  });

  it("puts cost only on the span that spent it, never on the agent or workflow above", async () => {
    const { telemetry, spans, byName } = setup();
    await telemetry.startAgentSpan({ name: "orchestrator" }, () =>
      telemetry.spawnSubagent("worker", () =>
        telemetry.startChatSpan({ model: "sim:default" }, (span) =>
          telemetry.recordChatResult(span, { cost: { micros: 700, source: "computed" } }),
        ),
      ),
    );
    const list = await spans();
    expect(byName(list, "chat default").attributes["gantry.cost.micros"]).toBe(700);
    for (const name of ["invoke_agent orchestrator", "invoke_agent worker"]) {
      expect(byName(list, name).attributes["gantry.cost.micros"]).toBeUndefined();
    }
  });

  it("passes session and agent down to every span, and marks remote agents as CLIENT", async () => {
    const { telemetry, spans, byName } = setup();
    await telemetry.startAgentSpan({ name: "support", sessionId: "s-42" }, () =>
      telemetry.startAgentSpan({ name: "billing", remote: true }, () =>
        telemetry.startChatSpan({ model: "anthropic:claude" }, () => {}),
      ),
    );
    const list = await spans();
    const chat = byName(list, "chat claude");
    expect(chat.attributes["gantry.session.id"]).toBe("s-42");
    expect(chat.attributes["gantry.agent.name"]).toBe("billing");
    const billing = byName(list, "invoke_agent billing");
    expect(billing.kind).toBe(SpanKind.CLIENT);
    expect(billing.attributes["gantry.session.id"]).toBe("s-42");
    // An agent span runs under itself, not under its caller.
    expect(billing.attributes["gantry.agent.name"]).toBe("billing");
    expect(byName(list, "invoke_agent support").attributes["gantry.agent.name"]).toBe("support");
  });

  it("records tool arguments and results only when opted in, redacted", async () => {
    const off = setup();
    await off.telemetry.startToolSpan({ name: "send", arguments: { to: "a@b.c" } }, () => ({ ok: true }));
    const plain = off.byName(await off.spans(), "execute_tool send");
    expect(plain.attributes["gen_ai.tool.call.arguments"]).toBeUndefined();
    expect(plain.attributes["gen_ai.tool.call.result"]).toBeUndefined();
    await off.telemetry.shutdown();

    const on = setup({
      captureToolContent: true,
      redact: (value, target) => (target.field === "result" ? { hidden: true } : value),
    });
    await on.telemetry.startToolSpan({ name: "send", arguments: { to: "a@b.c", apiKey: "sk-123" } }, () => ({
      ok: true,
    }));
    const captured = on.byName(await on.spans(), "execute_tool send");
    expect(JSON.parse(String(captured.attributes["gen_ai.tool.call.arguments"]))).toEqual({
      to: "a@b.c",
      apiKey: "[REDACTED]",
    });
    expect(JSON.parse(String(captured.attributes["gen_ai.tool.call.result"]))).toEqual({ hidden: true });
  });

  it("sets signals on an open span and records a later outcome as a marker span in the same trace", async () => {
    const { telemetry, spans, byName } = setup();
    const target = await telemetry.startAgentSpan({ name: "triage" }, (span) => {
      telemetry.setSignals(span, { grounded: true, fallback: false, confidence: 0.8, downstreamOk: true });
      return telemetry.activeSpanContext();
    });
    expect(target).toBeDefined();
    telemetry.recordOutcome(target!, "resolved");
    const list = await spans();
    expect(byName(list, "invoke_agent triage").attributes).toMatchObject({
      "gantry.signal.grounded": true,
      "gantry.signal.fallback": false,
      "gantry.signal.confidence": 0.8,
      "gantry.signal.downstream_ok": true,
    });
    const marker = byName(list, "gantry.outcome");
    expect(marker.attributes["gantry.outcome"]).toBe("resolved");
    expect(marker.spanContext().traceId).toBe(target!.traceId);
    expect(marker.parentSpanContext?.spanId).toBe(target!.spanId);
    expect(telemetry.activeSpanContext()).toBeUndefined();
  });

  it("runs a scheduled subagent under its spawner even when the scheduler calls it from elsewhere", async () => {
    const { telemetry, spans, byName } = setup();
    const queue: Array<() => void> = [];
    const runQueued = () => {
      for (const task of queue.splice(0)) task();
    };
    // A pool: the task runs whenever someone else drains the queue, from that someone's context.
    const schedule = <T>(task: () => Promise<T>) =>
      new Promise<T>((resolve, reject) => queue.push(() => void task().then(resolve, reject)));
    const pending = telemetry.startAgentSpan({ name: "orchestrator" }, () =>
      telemetry.spawnSubagent("researcher", () => "done", { schedule }),
    );
    await telemetry.startAgentSpan({ name: "unrelated" }, async () => runQueued());
    expect(await pending).toBe("done");
    const list = await spans();
    expect(byName(list, "invoke_agent researcher").parentSpanContext?.spanId).toBe(
      byName(list, "invoke_agent orchestrator").spanContext().spanId,
    );
  });

  it("reports open spans and per-exporter counters", async () => {
    const { telemetry } = setup({ sampling: { rate: 1, graceMs: 0 } });
    let during = -1;
    await telemetry.startAgentSpan({ name: "a" }, () => {
      during = telemetry.stats().openSpans;
    });
    await telemetry.flush();
    const stats = telemetry.stats();
    expect(during).toBe(1);
    expect(stats.openSpans).toBe(0);
    expect(stats.exporters.memory).toMatchObject({ exported: 1, dropped: 0, failed: 0, queued: 0 });
    expect(stats.sampling).toMatchObject({ keptTraces: 1, bufferedTraces: 0 });
  });

  it("refuses an OTLP url that is not http(s), without echoing a password", () => {
    let caught: unknown;
    try {
      createTelemetry({ serviceName: "x", otlp: { url: "ftp://user:hunter2@collector/v1/traces" } });
    } catch (error) {
      caught = error;
    }
    expect(GantryError.isInstance(caught) && caught.code).toBe("TELEMETRY_INVALID_CONFIG");
    expect((caught as Error).message).not.toContain("hunter2");
  });
});
