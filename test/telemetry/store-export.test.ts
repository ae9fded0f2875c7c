import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Span } from "@opentelemetry/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore, type SpanRecord, type Store } from "../../src/store/index.js";
import { createTelemetry, runTraceIntegrityChecks, type Telemetry } from "../../src/telemetry/index.js";

// Spans through the real pipeline into a real SQLite store: the bounded queue, the store exporter,
// tail sampling, and the rows the trace explorer will read.

let folder: string;
let store: Store;
let telemetry: Telemetry | undefined;
beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), "gantry-telemetry-"));
  store = await openStore({ root: folder });
});
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

async function storedTraces(): Promise<Map<string, SpanRecord[]>> {
  const summaries = await store.spans.listRecentTraces({ limit: 500 });
  const traces = new Map<string, SpanRecord[]>();
  for (const summary of summaries) traces.set(summary.traceId, await store.spans.getTrace(summary.traceId));
  return traces;
}

describe("store export", () => {
  it("writes a run's spans with project, agent, model, session and cost columns, as one whole trace", async () => {
    telemetry = createTelemetry({ serviceName: "store-test", projectId: "default", store });
    const traceId = await telemetry.startAgentSpan({ name: "support", sessionId: "session-1" }, async () => {
      await telemetry!.startChatSpan({ model: "anthropic:claude-haiku" }, (span) =>
        telemetry!.recordChatResult(span, {
          usage: { input: 5, output: 2 },
          cost: { micros: 88, source: "computed" },
        }),
      );
      await telemetry!.startChatSpan({ model: "sim:default" }, (span) =>
        telemetry!.recordChatResult(span, { cost: { micros: null, source: "unknown" } }),
      );
      return telemetry!.activeSpanContext()!.traceId;
    });
    await telemetry.flush();

    const spans = await store.spans.getTrace(traceId);
    expect(runTraceIntegrityChecks(spans)).toEqual([]);
    const chat = spans.find((span) => span.name === "chat claude-haiku")!;
    expect(chat).toMatchObject({
      kind: "client",
      statusCode: "unset",
      projectId: "default",
      agent: "support",
      model: "claude-haiku",
      sessionId: "session-1",
      costMicros: 88,
    });
    expect(chat.attributes["gen_ai.usage.input_tokens"]).toBe(5);
    expect(chat.endTimeMs! - chat.startTimeMs).toBeGreaterThanOrEqual(0);
    // An unknown cost stays unknown in the store: null, never 0.
    expect(spans.find((span) => span.name === "chat default")?.costMicros).toBeNull();
    const [summary] = await store.spans.listRecentTraces();
    expect(summary).toMatchObject({
      traceId,
      rootName: "invoke_agent support",
      spanCount: 3,
      costMicros: 88,
    });
    expect(telemetry.stats().exporters.store).toMatchObject({ exported: 3, dropped: 0, failed: 0 });
  });

  it("drops and counts spans when the queue overflows, never blocking span.end()", async () => {
    telemetry = createTelemetry({
      serviceName: "store-test",
      store,
      queue: { maxQueueSize: 10, maxBatchSize: 5, flushIntervalMs: 60_000 },
    });
    // 25 spans end in one synchronous burst: no export can run before the burst is over.
    for (let index = 0; index < 25; index++) telemetry.tracer.startSpan(`burst ${index}`).end();
    expect(telemetry.stats().exporters.store).toMatchObject({ queued: 10, dropped: 15 });
    await telemetry.flush();
    expect(telemetry.stats().exporters.store).toMatchObject({ queued: 0, exported: 10, dropped: 15 });
    expect((await storedTraces()).size).toBe(10);
  });

  it("with tail sampling at rate 0 stores only the interesting traces, each one whole", async () => {
    telemetry = createTelemetry({
      serviceName: "store-test",
      store,
      sampling: { rate: 0, keepConfidenceBelow: 0.5, costOutlierMicros: 5_000, graceMs: 60_000 },
    });
    const run = (name: string, step: (span: Span) => void) =>
      telemetry!.startAgentSpan({ name }, () =>
        telemetry!.startChatSpan({ model: "sim:default" }, (span) => {
          step(span);
          return telemetry!.activeSpanContext()!.traceId;
        }),
      );
    const failing = telemetry.startAgentSpan({ name: "failing" }, async () => {
      await telemetry!.startToolSpan({ name: "broken" }, () => {
        throw new Error("tool crashed");
      });
    });
    await expect(failing).rejects.toThrow("tool crashed");
    const kept = [
      await run("fallback", (span) => telemetry!.setSignals(span, { fallback: true })),
      await run("unsure", (span) => telemetry!.setSignals(span, { confidence: 0.1 })),
      await run("expensive", (span) =>
        telemetry!.recordChatResult(span, { cost: { micros: 9_000, source: "computed" } }),
      ),
    ];
    const dropped = [
      await run("plain", () => {}),
      await run("cheap", (span) =>
        telemetry!.recordChatResult(span, { cost: { micros: 10, source: "computed" } }),
      ),
    ];
    await telemetry.flush();

    const traces = await storedTraces();
    expect(traces.size).toBe(4);
    for (const traceId of kept) expect(traces.get(traceId)).toHaveLength(2);
    for (const traceId of dropped) expect(traces.has(traceId)).toBe(false);
    const failingTrace = [...traces.values()].find((spans) =>
      spans.some((span) => span.name === "invoke_agent failing"),
    );
    expect(failingTrace?.map((span) => span.statusCode).sort()).toEqual(["error", "error"]);
    for (const spans of traces.values()) expect(runTraceIntegrityChecks(spans)).toEqual([]);
    expect(telemetry.stats().sampling).toMatchObject({ keptTraces: 4, droppedTraces: 2, droppedSpans: 4 });
  });
});
