import { type ExportResult, ExportResultCode } from "@opentelemetry/core";
import { BasicTracerProvider, type ReadableSpan, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { BoundedExportProcessor, type ExportQueueOptions } from "./bounded-export-processor.js";

/** An exporter whose batches complete only when the test says so. */
class ControlledExporter implements SpanExporter {
  readonly batches: ReadableSpan[][] = [];
  private readonly pending: Array<(result: ExportResult) => void> = [];
  autoSucceed = false;
  shutdownCalled = false;

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.batches.push(spans);
    if (this.autoSucceed) resultCallback({ code: ExportResultCode.SUCCESS });
    else this.pending.push(resultCallback);
  }

  complete(result: ExportResult = { code: ExportResultCode.SUCCESS }): void {
    this.pending.shift()?.(result);
  }

  get waiting(): number {
    return this.pending.length;
  }

  async shutdown(): Promise<void> {
    this.shutdownCalled = true;
  }
}

function setup(options: ExportQueueOptions) {
  const exporter = new ControlledExporter();
  const processor = new BoundedExportProcessor(exporter, options);
  const tracer = new BasicTracerProvider({ spanProcessors: [processor] }).getTracer("test");
  const endSpans = (count: number) => {
    for (let index = 0; index < count; index++) tracer.startSpan(`span ${index}`).end();
  };
  return { exporter, processor, endSpans };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe("BoundedExportProcessor", () => {
  it("never exports inside span.end(): a full batch leaves on a later turn of the event loop", async () => {
    const { exporter, endSpans } = setup({ maxBatchSize: 3, flushIntervalMs: 60_000 });
    exporter.autoSucceed = true;
    endSpans(3);
    expect(exporter.batches).toHaveLength(0);
    await until(() => exporter.batches.length === 1, "the full batch");
    expect(exporter.batches[0]).toHaveLength(3);
  });

  it("exports a partial batch when the interval passes", async () => {
    const { exporter, processor, endSpans } = setup({ maxBatchSize: 100, flushIntervalMs: 5 });
    exporter.autoSucceed = true;
    endSpans(2);
    await until(() => processor.stats().exported === 2, "the interval flush");
    expect(exporter.batches).toEqual([expect.any(Array)]);
  });

  it("drops the newest spans when the queue is full and counts them", async () => {
    const { exporter, processor, endSpans } = setup({
      maxQueueSize: 4,
      maxBatchSize: 2,
      flushIntervalMs: 60_000,
    });
    endSpans(2);
    await until(() => exporter.waiting === 1, "the first export to start");
    // One batch of 2 is in flight; the queue takes 4 more and drops the rest.
    endSpans(7);
    expect(processor.stats()).toMatchObject({ queued: 6, dropped: 3, exported: 0 });
    expect(exporter.batches[0]?.map((span) => span.name)).toEqual(["span 0", "span 1"]);
    exporter.autoSucceed = true;
    exporter.complete();
    await processor.forceFlush();
    expect(processor.stats()).toMatchObject({ queued: 0, exported: 6, dropped: 3, failed: 0 });
    expect(exporter.batches.flat().map((span) => span.name)).toEqual([
      "span 0",
      "span 1",
      "span 0",
      "span 1",
      "span 2",
      "span 3",
    ]);
  });

  it("counts spans of a failed or timed-out export as failed, with the last error", async () => {
    const { exporter, processor, endSpans } = setup({
      maxBatchSize: 2,
      flushIntervalMs: 60_000,
      exportTimeoutMs: 20,
    });
    endSpans(2);
    await until(() => exporter.waiting === 1, "the export");
    exporter.complete({ code: ExportResultCode.FAILED, error: new Error("collector down") });
    await until(() => processor.stats().failed === 2, "the failure");
    expect(processor.stats().lastError).toBe("collector down");
    endSpans(2);
    await until(() => processor.stats().failed === 4, "the timeout");
    expect(processor.stats().lastError).toMatch(/timed out after 20 ms/);
  });

  it("drains on shutdown, then drops spans ended afterwards", async () => {
    const { exporter, processor, endSpans } = setup({ maxBatchSize: 100, flushIntervalMs: 60_000 });
    exporter.autoSucceed = true;
    endSpans(5);
    await processor.shutdown();
    expect(processor.stats()).toMatchObject({ exported: 5, queued: 0 });
    expect(exporter.shutdownCalled).toBe(true);
    endSpans(1);
    expect(processor.stats().dropped).toBe(1);
  });
});
