import { describe, expect, it } from "vitest";
import type { SpanRecord } from "../../../src/store/index.js";
import type { StoreBackend } from "../backends.js";
import { rejectionOf, useFreshStore } from "../fresh-store.js";
import { makeSpan } from "../span-fixtures.js";

/** Spans: idempotent inserts, batched transactional insertMany, traces and trace listings. */
export function defineSpansSuite(backend: StoreBackend): void {
  describe("spans", () => {
    const fresh = useFreshStore(backend);

    it("stores a span and returns it exactly, fractions of milliseconds and JSON included", async () => {
      const span = makeSpan();
      await fresh.store.spans.insert(span);
      expect(await fresh.store.spans.getTrace("trace-1")).toEqual([span]);
      expect(await fresh.store.spans.getTrace("trace-unknown")).toEqual([]);
    });

    it("returns a trace's spans ordered by start time whatever the insert order", async () => {
      const root = makeSpan({
        spanId: "root",
        name: "invoke_agent triage",
        startTimeMs: 100.5,
        endTimeMs: 900,
      });
      const tool = makeSpan({ spanId: "tool", parentSpanId: "root", startTimeMs: 500.25, costMicros: null });
      const chat = makeSpan({ spanId: "chat", parentSpanId: "root", startTimeMs: 200.75, endTimeMs: null });
      await fresh.store.spans.insertMany([tool, root, chat]);
      const trace = await fresh.store.spans.getTrace("trace-1");
      expect(trace.map((span) => span.spanId)).toEqual(["root", "chat", "tool"]);
      expect(trace[1]!.endTimeMs).toBeNull();
      expect(trace[2]!.costMicros).toBeNull();
    });

    it("ignores a span it already has (same trace and span id)", async () => {
      await fresh.store.spans.insert(makeSpan({ name: "first" }));
      await fresh.store.spans.insert(makeSpan({ name: "second" }));
      await fresh.store.spans.insertMany([makeSpan({ name: "third" }), makeSpan({ spanId: "span-2" })]);
      const trace = await fresh.store.spans.getTrace("trace-1");
      expect(trace.map((span) => `${span.spanId}:${span.name}`)).toEqual([
        "span-1:first",
        "span-2:chat sim-large",
      ]);
    });

    it("inserts thousands of spans across several statements, and big costs survive", async () => {
      const spans: SpanRecord[] = Array.from({ length: 2500 }, (_, index) =>
        makeSpan({ spanId: `span-${index}`, startTimeMs: index + 0.5, costMicros: 9_000_000_000_000 }),
      );
      await fresh.store.spans.insertMany(spans);
      await fresh.store.spans.insertMany([]);
      const trace = await fresh.store.spans.getTrace("trace-1");
      expect(trace).toHaveLength(2500);
      expect(trace[2499]).toEqual(spans[2499]);
      expect(trace.every((span) => span.costMicros === 9_000_000_000_000)).toBe(true);
    });

    it("insertMany is all or nothing: a bad row in a later statement rolls back the earlier ones", async () => {
      const spans = Array.from({ length: 1500 }, (_, index) => makeSpan({ spanId: `span-${index}` }));
      spans[1200] = makeSpan({ spanId: "broken", name: null as unknown as string });
      await expect(fresh.store.spans.insertMany(spans)).rejects.toThrow();
      expect(await fresh.store.spans.getTrace("trace-1")).toEqual([]);
      const fractional = await rejectionOf(fresh.store.spans.insertMany([makeSpan({ costMicros: 0.5 })]));
      expect(fractional.code).toBe("STORE_INVALID_INPUT");
    });

    it("lists recent traces newest first with their summaries, filters and a start-time cursor", async () => {
      const trace = (traceId: string, start: number, extra: Partial<SpanRecord> = {}) => [
        makeSpan({
          traceId,
          spanId: "root",
          name: `root of ${traceId}`,
          startTimeMs: start,
          endTimeMs: start + 50,
          // A trace's agent, session and project are its root's (its earliest span's).
          ...(extra.agent ? { agent: extra.agent } : {}),
          ...(extra.sessionId ? { sessionId: extra.sessionId } : {}),
          ...(extra.projectId ? { projectId: extra.projectId } : {}),
        }),
        makeSpan({
          traceId,
          spanId: "child",
          parentSpanId: "root",
          startTimeMs: start + 1,
          endTimeMs: start + 40,
          ...extra,
        }),
      ];
      await fresh.store.spans.insertMany([
        ...trace("old", 1000, { costMicros: 5, statusCode: "error" }),
        ...trace("middle", 2000, { agent: "refund", sessionId: "session-2", costMicros: null }),
        ...trace("new", 3000, { projectId: "billing" }),
      ]);
      // A trace whose spans have no cost at all has an unknown (null) cost, not 0.
      await fresh.store.spans.insert(makeSpan({ traceId: "unpriced", startTimeMs: 500, costMicros: null }));

      const all = await fresh.store.spans.listRecentTraces();
      expect(all.map((summary) => summary.traceId)).toEqual(["new", "middle", "old", "unpriced"]);
      expect(all[2]).toEqual({
        traceId: "old",
        projectId: "default",
        rootSpanId: "root",
        rootName: "root of old",
        agent: "triage",
        sessionId: "session-1",
        models: ["sim-large"],
        startTimeMs: 1000,
        endTimeMs: 1050,
        durationMs: 50,
        spanCount: 2,
        errorCount: 1,
        costMicros: 1234 + 5,
        inputTokens: 2400,
        outputTokens: 170,
        cacheReadTokens: 0,
        status: "error",
        errorMessage: null,
        updatedAt: "2026-11-24T09:00:00.000Z",
      });
      expect(all[3]).toMatchObject({ costMicros: null, rootName: "chat sim-large", spanCount: 1 });

      const ids = (list: { traceId: string }[]) => list.map((summary) => summary.traceId);
      expect(ids(await fresh.store.spans.listRecentTraces({ agent: "refund" }))).toEqual(["middle"]);
      expect(ids(await fresh.store.spans.listRecentTraces({ sessionId: "session-2" }))).toEqual(["middle"]);
      expect(ids(await fresh.store.spans.listRecentTraces({ projectId: "billing" }))).toEqual(["new"]);
      const firstPage = await fresh.store.spans.listRecentTraces({ limit: 2 });
      expect(ids(firstPage)).toEqual(["new", "middle"]);
      const nextPage = await fresh.store.spans.listRecentTraces({
        limit: 2,
        beforeStartTimeMs: firstPage.at(-1)!.startTimeMs,
      });
      expect(ids(nextPage)).toEqual(["old", "unpriced"]);
    });
  });
}
