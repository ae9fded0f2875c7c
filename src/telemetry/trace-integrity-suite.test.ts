import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { type IntegritySpan, runTraceIntegrityChecks } from "./trace-integrity-suite.js";

const trace = "t1";
function span(
  spanId: string,
  parentSpanId: string | null,
  overrides: Partial<IntegritySpan> = {},
): IntegritySpan {
  return { traceId: trace, spanId, parentSpanId, name: `span ${spanId}`, ended: true, ...overrides };
}

describe("runTraceIntegrityChecks", () => {
  it("finds nothing wrong with one closed tree", () => {
    expect(runTraceIntegrityChecks([span("a", null), span("b", "a"), span("c", "b")])).toEqual([]);
  });

  it("reports each kind of break", () => {
    const kinds = (spans: IntegritySpan[]) =>
      runTraceIntegrityChecks(spans).map((violation) => violation.kind);
    expect(kinds([])).toEqual(["no-spans"]);
    expect(kinds([span("a", null), span("b", null)])).toEqual(["multiple-roots"]);
    expect(kinds([span("b", "a")])).toEqual(["no-root", "missing-parent"]);
    expect(kinds([span("a", null), span("b", "x")])).toEqual(["missing-parent"]);
    expect(kinds([span("a", null), span("b", "a", { ended: false })])).toEqual(["unclosed"]);
    expect(kinds([span("a", null), span("b", "a", { traceId: "t2" })])).toEqual(["foreign-trace"]);
    expect(kinds([span("a", null), span("b", "a"), span("b", "a")])).toEqual(["duplicate-span"]);
  });

  it("names the offending span in the message", () => {
    const [violation] = runTraceIntegrityChecks([span("a", null), span("b", "zz")]);
    expect(violation).toMatchObject({ kind: "missing-parent", spanId: "b", spanName: "span b" });
    expect(violation?.message).toContain("zz");
  });

  it("accepts stored rows (open when endTimeMs is null) and SDK spans", () => {
    const row = {
      traceId: trace,
      spanId: "a",
      parentSpanId: null,
      name: "root",
      kind: "internal",
      startTimeMs: 1,
      endTimeMs: null,
      statusCode: "unset",
      statusMessage: null,
      attributes: {},
      events: [],
      projectId: null,
      agent: null,
      model: null,
      sessionId: null,
      costMicros: null,
    };
    expect(runTraceIntegrityChecks([row]).map((violation) => violation.kind)).toEqual(["unclosed"]);

    const exporter = new InMemorySpanExporter();
    const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).getTracer(
      "t",
    );
    tracer.startSpan("one").end();
    tracer.startSpan("two").end();
    expect(runTraceIntegrityChecks(exporter.getFinishedSpans()).map((violation) => violation.kind)).toEqual([
      "multiple-roots",
      "foreign-trace",
    ]);
  });

  it("checks against an expected trace id when given", () => {
    expect(
      runTraceIntegrityChecks([span("a", null)], { traceId: "other" }).map((violation) => violation.kind),
    ).toEqual(["foreign-trace"]);
  });
});
