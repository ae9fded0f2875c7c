import { type ExportResult, ExportResultCode } from "@opentelemetry/core";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import type { SpanRecord } from "../store/index.js";
import { StoreSpanExporter } from "./store-span-exporter.js";

function finishedSpans(count: number) {
  const memory = new InMemorySpanExporter();
  const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(memory)] }).getTracer(
    "t",
  );
  for (let index = 0; index < count; index++) tracer.startSpan(`span ${index}`).end();
  return memory.getFinishedSpans();
}

function exportOnce(exporter: StoreSpanExporter, count: number): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export(finishedSpans(count), resolve));
}

describe("StoreSpanExporter", () => {
  it("inserts one batch with one insertMany call, as store rows", async () => {
    const batches: SpanRecord[][] = [];
    const exporter = new StoreSpanExporter({
      spans: { insertMany: async (spans) => void batches.push([...spans]) },
    });
    expect(await exportOnce(exporter, 3)).toEqual({ code: ExportResultCode.SUCCESS });
    expect(batches).toHaveLength(1);
    expect(batches[0]?.map((span) => span.name)).toEqual(["span 0", "span 1", "span 2"]);
  });

  it("reports a failed insert as a failed export instead of throwing", async () => {
    const exporter = new StoreSpanExporter({
      spans: {
        insertMany: async () => {
          throw new Error("database is locked");
        },
      },
    });
    const result = await exportOnce(exporter, 1);
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(result.error?.message).toBe("database is locked");
  });

  it("refuses batches after shutdown and leaves the store open", async () => {
    let calls = 0;
    const exporter = new StoreSpanExporter({ spans: { insertMany: async () => void calls++ } });
    await exporter.shutdown();
    expect((await exportOnce(exporter, 1)).code).toBe(ExportResultCode.FAILED);
    expect(calls).toBe(0);
  });
});
