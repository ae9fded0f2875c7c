import { ROOT_CONTEXT, type Span, SpanStatusCode, trace } from "@opentelemetry/api";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { GantryError } from "../core/index.js";
import { sampledByRate, type TailSamplingOptions, TailSamplingProcessor } from "./tail-sampling-processor.js";

function setup(options: Partial<TailSamplingOptions> = {}) {
  const exporter = new InMemorySpanExporter();
  const sampler = new TailSamplingProcessor([new SimpleSpanProcessor(exporter)], {
    rate: 0,
    graceMs: 60_000,
    ...options,
  });
  const tracer = new BasicTracerProvider({ spanProcessors: [sampler] }).getTracer("test");
  const child = (parent: Span, name: string) =>
    tracer.startSpan(name, {}, trace.setSpan(ROOT_CONTEXT, parent));
  /** A root with two children; `decorate` marks one child. */
  const runTrace = (decorate: (span: Span) => void = () => {}) => {
    const root = tracer.startSpan("root");
    const first = child(root, "first");
    decorate(first);
    first.end();
    child(root, "second").end();
    root.end();
    return root.spanContext().traceId;
  };
  const exportedTraces = () => new Set(exporter.getFinishedSpans().map((span) => span.spanContext().traceId));
  return { exporter, sampler, tracer, child, runTrace, exportedTraces };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe("TailSamplingProcessor", () => {
  it("at rate 0 keeps whole traces with an error, a fallback, low confidence or a cost outlier, and drops the rest", async () => {
    const { exporter, sampler, runTrace, exportedTraces } = setup({
      keepConfidenceBelow: 0.5,
      costOutlierMicros: 10_000,
    });
    const kept = [
      runTrace((span) => span.setStatus({ code: SpanStatusCode.ERROR })),
      runTrace((span) => span.setAttribute("gantry.signal.fallback", true)),
      runTrace((span) => span.setAttribute("gantry.signal.confidence", 0.2)),
      runTrace((span) => span.setAttribute("gantry.cost.micros", 10_001)),
    ];
    const dropped = [
      runTrace(),
      runTrace((span) => span.setAttribute("gantry.signal.confidence", 0.9)),
      runTrace((span) => span.setAttribute("gantry.cost.micros", 10_000)),
      runTrace((span) => span.setAttribute("gantry.signal.fallback", false)),
    ];
    await sampler.forceFlush();
    expect(exportedTraces()).toEqual(new Set(kept));
    // Whole traces: all three spans of each kept trace.
    expect(exporter.getFinishedSpans()).toHaveLength(12);
    for (const traceId of dropped) expect(exportedTraces().has(traceId)).toBe(false);
    expect(sampler.stats()).toMatchObject({
      keptTraces: 4,
      droppedTraces: 4,
      droppedSpans: 12,
      bufferedTraces: 0,
      keptBy: { error: 1, fallback: 1, "low-confidence": 1, "cost-outlier": 1, rate: 0 },
    });
  });

  it("keeps everything at rate 1 and samples deterministically by trace id in between", async () => {
    const all = setup({ rate: 1 });
    const traceId = all.runTrace();
    await all.sampler.forceFlush();
    expect(all.exportedTraces()).toEqual(new Set([traceId]));

    const half = setup({ rate: 0.5 });
    const ids = Array.from({ length: 400 }, () => half.runTrace());
    await half.sampler.forceFlush();
    const kept = half.exportedTraces();
    for (const id of ids) expect(kept.has(id)).toBe(sampledByRate(id, 0.5));
    expect(kept.size).toBeGreaterThan(120);
    expect(kept.size).toBeLessThan(280);
  });

  it("waits while any span of the trace is open, so a late error still keeps spans that ended earlier", async () => {
    const { sampler, tracer, child, exportedTraces, exporter } = setup();
    const root = tracer.startSpan("root");
    child(root, "early").end();
    const slow = child(root, "slow");
    root.end();
    await sampler.forceFlush();
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    expect(sampler.stats().bufferedSpans).toBe(2);
    slow.setStatus({ code: SpanStatusCode.ERROR });
    slow.end();
    await sampler.forceFlush();
    expect(exportedTraces()).toEqual(new Set([root.spanContext().traceId]));
    expect(
      exporter
        .getFinishedSpans()
        .map((span) => span.name)
        .sort(),
    ).toEqual(["early", "root", "slow"]);
  });

  it("decides after the grace period, and a span arriving after the decision follows it (never splits a trace)", async () => {
    const { tracer, child, exporter } = setup({ rate: 1, graceMs: 5 });
    const root = tracer.startSpan("root");
    root.end();
    await until(() => exporter.getFinishedSpans().length === 1, "the grace decision");
    child(root, "late").end();
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(["root", "late"]);

    const dropping = setup({ rate: 0, graceMs: 5 });
    const other = dropping.tracer.startSpan("root");
    other.end();
    await until(() => dropping.sampler.stats().droppedTraces === 1, "the drop decision");
    // Even an error arriving late cannot resurrect half a trace that was already dropped.
    dropping.child(other, "late error").setStatus({ code: SpanStatusCode.ERROR }).end();
    expect(dropping.exporter.getFinishedSpans()).toHaveLength(0);
    expect(dropping.sampler.stats().droppedSpans).toBe(2);
  });

  it("a child starting during the grace reopens the trace, so its late error still keeps the whole trace", async () => {
    const { sampler, tracer, child, exportedTraces, exporter } = setup({ rate: 0, graceMs: 30 });
    const root = tracer.startSpan("root");
    root.end();
    const late = child(root, "late");
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(sampler.stats().bufferedTraces).toBe(1);
    late.setStatus({ code: SpanStatusCode.ERROR }).end();
    await until(() => sampler.stats().keptTraces === 1, "the decision after the reopened grace");
    expect(exportedTraces()).toEqual(new Set([root.spanContext().traceId]));
    expect(exporter.getFinishedSpans()).toHaveLength(2);
  });

  it("bounds memory: past maxTraces the oldest buffered trace is let through as kept and counted", async () => {
    const { sampler, tracer, exportedTraces } = setup({ maxTraces: 2 });
    const open = [tracer.startSpan("a"), tracer.startSpan("b"), tracer.startSpan("c")];
    expect(sampler.stats().bufferedTraces).toBe(2);
    expect(sampler.stats().keptBy.overflow).toBe(1);
    // The evicted trace's decision holds for its spans still to come.
    open[0]!.end();
    expect(exportedTraces()).toEqual(new Set([open[0]!.spanContext().traceId]));
  });

  it("refuses a rate outside 0..1 or a fractional cost threshold", () => {
    for (const options of [
      { rate: 1.5 },
      { rate: 0.1, costOutlierMicros: 2.5 },
      { rate: 0.1, keepConfidenceBelow: 3 },
    ]) {
      let caught: unknown;
      try {
        new TailSamplingProcessor([], options);
      } catch (error) {
        caught = error;
      }
      expect(GantryError.isInstance(caught) && caught.code).toBe("TELEMETRY_INVALID_CONFIG");
    }
  });
});
