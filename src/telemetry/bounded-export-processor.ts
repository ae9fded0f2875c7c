import type { Context } from "@opentelemetry/api";
import { type ExportResult, ExportResultCode } from "@opentelemetry/core";
import type { ReadableSpan, Span, SpanExporter, SpanProcessor } from "@opentelemetry/sdk-trace-base";

// Span export off the hot path: `onEnd` only appends to a bounded queue; batches leave on a timer or
// when a batch is full, one export at a time per exporter. When the exporter cannot keep up the queue
// drops the newest spans (as OpenTelemetry's BatchSpanProcessor does: O(1), and spans already queued
// keep their place) and counts them, so /api/v1/info can show that data was lost instead of hiding it.

export interface ExportQueueOptions {
  /** Spans held at most; further spans are dropped and counted. Default 2048. */
  maxQueueSize?: number;
  /** Spans per export call; a full batch is exported without waiting for the timer. Default 512. */
  maxBatchSize?: number;
  /** Longest time a span waits in the queue. Default 1000 ms. */
  flushIntervalMs?: number;
  /** An export slower than this counts as failed. Default 30 s. */
  exportTimeoutMs?: number;
}

/** Counters of one exporter's queue. */
export interface ExportQueueStats {
  /** Spans waiting or being exported now. */
  queued: number;
  /** Spans the exporter accepted. */
  exported: number;
  /** Spans dropped because the queue was full (or arrived after shutdown). */
  dropped: number;
  /** Spans lost because their export failed or timed out. */
  failed: number;
  /** Message of the latest failed export, if any. */
  lastError: string | null;
}

/** A span processor that feeds one exporter through a bounded queue and keeps counters. */
export class BoundedExportProcessor implements SpanProcessor {
  private readonly maxQueueSize: number;
  private readonly maxBatchSize: number;
  private readonly flushIntervalMs: number;
  private readonly exportTimeoutMs: number;
  private queue: ReadableSpan[] = [];
  private inFlight = 0;
  private exported = 0;
  private dropped = 0;
  private failed = 0;
  private lastError: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private immediate: ReturnType<typeof setImmediate> | undefined;
  private draining: Promise<void> | undefined;
  private isShutdown = false;

  constructor(
    private readonly exporter: SpanExporter,
    options: ExportQueueOptions = {},
  ) {
    this.maxQueueSize = options.maxQueueSize ?? 2048;
    this.maxBatchSize = Math.min(options.maxBatchSize ?? 512, this.maxQueueSize);
    this.flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.exportTimeoutMs = options.exportTimeoutMs ?? 30_000;
  }

  onStart(_span: Span, _parentContext: Context): void {}

  onEnd(span: ReadableSpan): void {
    if (this.isShutdown || this.queue.length >= this.maxQueueSize) {
      this.dropped += 1;
      return;
    }
    this.queue.push(span);
    if (this.queue.length >= this.maxBatchSize) this.scheduleSoon();
    else this.scheduleTimer();
  }

  stats(): ExportQueueStats {
    return {
      queued: this.queue.length + this.inFlight,
      exported: this.exported,
      dropped: this.dropped,
      failed: this.failed,
      lastError: this.lastError,
    };
  }

  /** Exports everything queued, then asks the exporter to flush its own buffers. */
  async forceFlush(): Promise<void> {
    while (this.queue.length > 0 || this.draining) await this.drain();
    await this.exporter.forceFlush?.();
  }

  async shutdown(): Promise<void> {
    if (this.isShutdown) return;
    await this.forceFlush();
    this.isShutdown = true;
    this.clearSchedules();
    await this.exporter.shutdown();
  }

  private scheduleTimer(): void {
    if (this.timer || this.immediate) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, this.flushIntervalMs);
    this.timer.unref();
  }

  // A full batch leaves on the next turn of the event loop: never inside the `span.end()` call.
  private scheduleSoon(): void {
    if (this.immediate) return;
    this.immediate = setImmediate(() => {
      this.immediate = undefined;
      void this.drain();
    });
    this.immediate.unref();
  }

  private clearSchedules(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }

  private drain(): Promise<void> {
    if (this.draining) return this.draining;
    this.clearSchedules();
    this.draining = (async () => {
      try {
        while (this.queue.length > 0) {
          const batch = this.queue.splice(0, this.maxBatchSize);
          await this.exportBatch(batch);
        }
      } finally {
        this.draining = undefined;
      }
    })();
    return this.draining;
  }

  private async exportBatch(batch: ReadableSpan[]): Promise<void> {
    this.inFlight = batch.length;
    try {
      const result = await this.exportWithTimeout(batch);
      if (result.code === ExportResultCode.SUCCESS) this.exported += batch.length;
      else this.recordFailure(batch.length, result.error?.message ?? "export failed");
    } catch (error) {
      this.recordFailure(batch.length, error instanceof Error ? error.message : String(error));
    } finally {
      this.inFlight = 0;
    }
  }

  private recordFailure(count: number, message: string): void {
    this.failed += count;
    this.lastError = message;
  }

  private exportWithTimeout(batch: ReadableSpan[]): Promise<ExportResult> {
    return new Promise((resolve) => {
      const timeout = setTimeout(() => {
        resolve({
          code: ExportResultCode.FAILED,
          error: new Error(`export timed out after ${this.exportTimeoutMs} ms`),
        });
      }, this.exportTimeoutMs);
      timeout.unref();
      try {
        this.exporter.export(batch, (result) => {
          clearTimeout(timeout);
          resolve(result);
        });
      } catch (error) {
        clearTimeout(timeout);
        resolve({
          code: ExportResultCode.FAILED,
          error: error instanceof Error ? error : new Error(String(error)),
        });
      }
    });
  }
}
