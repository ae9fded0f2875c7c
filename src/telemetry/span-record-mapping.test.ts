import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { toSpanRecord } from "./span-record-mapping.js";

function tracerWithExporter() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "svc", "gantry.project.id": "proj-1" }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  return { exporter, tracer: provider.getTracer("test") };
}

describe("toSpanRecord", () => {
  it("maps ids, kind, status, fractional epoch times, events and the indexed columns", () => {
    const { exporter, tracer } = tracerWithExporter();
    const parent = tracer.startSpan("invoke_agent triage", { startTime: 1_800_000_000_000 });
    const span = tracer.startSpan(
      "chat gpt-4o",
      {
        kind: SpanKind.CLIENT,
        startTime: [1_800_000_000, 250_500_000],
        attributes: {
          "gen_ai.request.model": "gpt-4o",
          "gen_ai.response.model": "gpt-4o-2024-08-06",
          "gantry.agent.name": "triage",
          "gantry.session.id": "s-1",
          "gantry.cost.micros": 1234,
          "gen_ai.response.finish_reasons": ["stop"],
          ratio: Number.NaN,
        },
      },
      trace.setSpan(ROOT_CONTEXT, parent),
    );
    span.addEvent("gen_ai.choice", { index: 0 }, [1_800_000_000, 300_000_000]);
    span.setStatus({ code: SpanStatusCode.ERROR, message: "rate limited" });
    span.end([1_800_000_001, 0]);
    const record = toSpanRecord(exporter.getFinishedSpans()[0]!);
    expect(record).toEqual({
      traceId: parent.spanContext().traceId,
      spanId: span.spanContext().spanId,
      parentSpanId: parent.spanContext().spanId,
      name: "chat gpt-4o",
      kind: "client",
      startTimeMs: 1_800_000_000_250.5,
      endTimeMs: 1_800_000_001_000,
      statusCode: "error",
      statusMessage: "rate limited",
      attributes: {
        "gen_ai.request.model": "gpt-4o",
        "gen_ai.response.model": "gpt-4o-2024-08-06",
        "gantry.agent.name": "triage",
        "gantry.session.id": "s-1",
        "gantry.cost.micros": 1234,
        "gen_ai.response.finish_reasons": ["stop"],
        ratio: "NaN",
        // The same otel.* keys the OTLP receiver writes: service, resource, scope.
        "service.name": "svc",
        "otel.resource.service.name": "svc",
        "otel.resource.gantry.project.id": "proj-1",
        "otel.scope.name": "test",
      },
      events: [{ name: "gen_ai.choice", timeMs: 1_800_000_000_300, attributes: { index: 0 } }],
      projectId: "proj-1",
      agent: "triage",
      model: "gpt-4o-2024-08-06",
      sessionId: "s-1",
      costMicros: 1234,
      // No gen_ai.operation.name: not a model call, so no prompt columns; no environment anywhere.
      promptId: null,
      promptHash: null,
      environment: null,
    });
  });

  it("fills the prompt columns on model-call spans only, and the environment from the span or its resource", () => {
    const exporter = new InMemorySpanExporter();
    const tracer = new BasicTracerProvider({
      resource: resourceFromAttributes({
        "service.name": "svc",
        "deployment.environment.name": "production",
      }),
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    }).getTracer("test");
    const prompt = {
      "gantry.prompt.id": "triage",
      "gantry.prompt.version": "1.2.0",
      "gantry.prompt.hash": "ab12",
    };
    tracer.startSpan("chat gpt-4o", { attributes: { "gen_ai.operation.name": "chat", ...prompt } }).end();
    tracer
      .startSpan("invoke_agent triage", {
        attributes: {
          "gen_ai.operation.name": "invoke_agent",
          ...prompt,
          "deployment.environment.name": "canary",
        },
      })
      .end();
    tracer
      .startSpan("chat gpt-4o", {
        attributes: {
          "gen_ai.operation.name": "chat",
          "gantry.prompt.id": "",
          "deployment.environment.name": "",
        },
      })
      .end();
    const [chat, agent, bare] = exporter.getFinishedSpans().map(toSpanRecord);
    expect(chat).toMatchObject({ promptId: "triage", promptHash: "ab12", environment: "production" });
    expect(agent).toMatchObject({ promptId: null, promptHash: null, environment: "canary" });
    // Empty strings are no value: the resource's environment applies.
    expect(bare).toMatchObject({ promptId: null, promptHash: null, environment: "production" });
  });

  it("puts spans without any project into the default project", () => {
    const exporter = new InMemorySpanExporter();
    const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).getTracer(
      "t",
    );
    tracer.startSpan("x").end();
    expect(toSpanRecord(exporter.getFinishedSpans()[0]!).projectId).toBe("default");
  });

  it("prefers the span's own agent name, falls back to the conversation id, and leaves a bad cost unknown", () => {
    const { exporter, tracer } = tracerWithExporter();
    tracer
      .startSpan("invoke_agent billing", {
        attributes: {
          "gen_ai.agent.name": "billing",
          "gantry.agent.name": "support",
          "gen_ai.conversation.id": "conv-9",
          "gantry.cost.micros": 12.5,
        },
        links: [{ context: parentContext(), attributes: { reason: "retry" } }],
      })
      .end();
    const record = toSpanRecord(exporter.getFinishedSpans()[0]!);
    expect(record).toMatchObject({
      parentSpanId: null,
      kind: "internal",
      statusCode: "unset",
      statusMessage: null,
      agent: "billing",
      sessionId: "conv-9",
      costMicros: null,
      model: null,
    });
    expect(record.attributes["gantry.cost.micros"]).toBe(12.5);
    expect(record.projectId).toBe("proj-1");
    expect(record.attributes["otel.links"]).toEqual([
      {
        traceId: "0af7651916cd43dd8448eb211c80319c",
        spanId: "b7ad6b7169203331",
        attributes: { reason: "retry" },
      },
    ]);
  });
});

function parentContext() {
  return { traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "b7ad6b7169203331", traceFlags: 1 };
}
