import { context, type Span, SpanStatusCode, trace } from "@opentelemetry/api";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { beforeEach, describe, expect, it } from "vitest";
import { GantryError, ManualClock } from "../core/index.js";
import { ensureAsyncContextManager } from "./async-context-manager.js";
import { runInSpan } from "./run-in-span.js";

ensureAsyncContextManager();

function setup() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { exporter, tracer: provider.getTracer("test") };
}

describe("runInSpan", () => {
  let harness: ReturnType<typeof setup>;
  beforeEach(() => {
    harness = setup();
  });

  it("makes the span active inside fn, nests children and ends both on return", async () => {
    const { tracer, exporter } = harness;
    const value = await runInSpan(tracer, undefined, { name: "parent" }, async (parent) => {
      expect(trace.getSpan(context.active())).toBe(parent);
      await runInSpan(tracer, undefined, { name: "child" }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
      });
      return 42;
    });
    expect(value).toBe(42);
    const [child, parent] = exporter.getFinishedSpans();
    expect(child?.name).toBe("child");
    expect(child?.parentSpanContext?.spanId).toBe(parent?.spanContext().spanId);
    expect(parent?.status.code).toBe(SpanStatusCode.UNSET);
    expect(trace.getSpan(context.active())).toBeUndefined();
  });

  it("records a thrown error (error.type from a GantryError code) and rethrows it", async () => {
    const { tracer, exporter } = harness;
    const failure = new GantryError({
      code: "TOOL_FAILED",
      message: "boom",
      domain: "TOOL",
      category: "SYSTEM",
    });
    await expect(
      runInSpan(tracer, undefined, { name: "failing" }, () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    const [span] = exporter.getFinishedSpans();
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: "boom" });
    expect(span?.attributes["error.type"]).toBe("TOOL_FAILED");
    expect(span?.events.map((event) => event.name)).toEqual(["exception"]);
  });

  it("ends the span at abort even when fn ignores the signal, and nested spans inherit the signal", async () => {
    const { tracer, exporter } = harness;
    const controller = new AbortController();
    let release: () => void = () => {};
    const stuck = new Promise<void>((resolve) => {
      release = resolve;
    });
    let childSpan: Span | undefined;
    const run = runInSpan(tracer, undefined, { name: "run", signal: controller.signal }, () =>
      runInSpan(tracer, undefined, { name: "step" }, async (span) => {
        childSpan = span;
        await stuck;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error("user cancelled"));
    expect(
      exporter
        .getFinishedSpans()
        .map((span) => span.name)
        .sort(),
    ).toEqual(["run", "step"]);
    for (const span of exporter.getFinishedSpans()) {
      expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: "aborted" });
      expect(span.events[0]?.name).toBe("aborted");
      expect(span.events[0]?.attributes?.["gantry.abort.reason"]).toBe("user cancelled");
    }
    release();
    await run;
    expect(childSpan?.isRecording()).toBe(false);
    expect(exporter.getFinishedSpans()).toHaveLength(2);
  });

  it("ends a span at once when the signal was already aborted", async () => {
    const { tracer, exporter } = harness;
    const result = await runInSpan(
      tracer,
      undefined,
      { name: "late", signal: AbortSignal.abort() },
      () => "ran",
    );
    expect(result).toBe("ran");
    expect(exporter.getFinishedSpans()[0]?.events[0]?.name).toBe("aborted");
  });

  it("takes start and end times from an injected clock", async () => {
    const { tracer, exporter } = harness;
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    await runInSpan(tracer, clock, { name: "timed" }, () => {
      clock.advance(1500);
    });
    const [span] = exporter.getFinishedSpans();
    expect(span?.startTime).toEqual([Date.UTC(2026, 0, 1) / 1000, 0]);
    expect(span?.duration).toEqual([1, 500_000_000]);
  });
});
