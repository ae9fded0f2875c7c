import { type ExportResult, ExportResultCode } from "@opentelemetry/core";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";
import type { SpansRepository } from "../store/index.js";
import { toSpanRecord } from "./span-record-mapping.js";

// Writes finished spans to Gantry's store. Batching, the bounded queue and the counters live in
// BoundedExportProcessor; this class only maps and inserts one batch in one transaction.

/** The part of the store the exporter needs. */
export interface SpanStoreTarget {
  spans: Pick<SpansRepository, "insertMany">;
}

/** An OpenTelemetry exporter that inserts spans with `store.spans.insertMany`. */
export class StoreSpanExporter implements SpanExporter {
  private isShutdown = false;

  constructor(private readonly store: SpanStoreTarget) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.isShutdown) {
      resultCallback({
        code: ExportResultCode.FAILED,
        error: new Error("the store span exporter is shut down"),
      });
      return;
    }
    let records: ReturnType<typeof toSpanRecord>[];
    try {
      records = spans.map(toSpanRecord);
    } catch (error) {
      resultCallback({
        code: ExportResultCode.FAILED,
        error: error instanceof Error ? error : new Error(String(error)),
      });
      return;
    }
    this.store.spans.insertMany(records).then(
      () => resultCallback({ code: ExportResultCode.SUCCESS }),
      (error: unknown) =>
        resultCallback({
          code: ExportResultCode.FAILED,
          error: error instanceof Error ? error : new Error(String(error)),
        }),
    );
  }

  /** Stops accepting batches; the store itself belongs to the caller and stays open. */
  async shutdown(): Promise<void> {
    this.isShutdown = true;
  }

  async forceFlush(): Promise<void> {}
}
