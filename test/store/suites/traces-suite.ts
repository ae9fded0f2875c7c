import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { SpanRecord, TraceSummary } from "../../../src/store/index.js";
import type { StoreBackend } from "../backends.js";
import { rejectionOf, useFreshStore } from "../fresh-store.js";
import { makeSpan } from "../span-fixtures.js";

// A multi-agent trace: an orchestrator root, a chat, a tool, a subagent with its own chats (one failed,
// one unpriced) and a cache read. Start times are deliberately not in span order.
function multiAgentTrace(traceId: string, start = 10_000): SpanRecord[] {
  const span = (overrides: Partial<SpanRecord>) =>
    makeSpan({ traceId, sessionId: "session-a", ...overrides });
  const usage = (input: number, output: number, cacheRead = 0) => ({
    "gen_ai.usage.input_tokens": input,
    "gen_ai.usage.output_tokens": output,
    ...(cacheRead ? { "gen_ai.usage.cache_read.input_tokens": cacheRead } : {}),
  });
  return [
    span({
      spanId: "root",
      name: "invoke_agent orchestrator",
      kind: "internal",
      agent: "orchestrator",
      model: null,
      startTimeMs: start,
      endTimeMs: start + 900,
      statusCode: "unset",
      attributes: {},
      costMicros: null,
    }),
    span({
      spanId: "plan",
      parentSpanId: "root",
      name: "chat large",
      agent: "orchestrator",
      model: "large",
      startTimeMs: start + 10,
      endTimeMs: start + 200,
      attributes: usage(1000, 50, 400),
      costMicros: 700,
    }),
    span({
      spanId: "research",
      parentSpanId: "root",
      name: "invoke_agent researcher",
      agent: "researcher",
      model: null,
      startTimeMs: start + 210,
      endTimeMs: start + 850,
      attributes: {},
      costMicros: null,
    }),
    span({
      spanId: "search",
      parentSpanId: "research",
      name: "chat small",
      agent: "researcher",
      model: "small",
      startTimeMs: start + 300,
      endTimeMs: start + 400,
      statusCode: "error",
      statusMessage: "rate limited",
      attributes: usage(200, 0),
      costMicros: 30,
    }),
    span({
      spanId: "retry",
      parentSpanId: "research",
      name: "chat small",
      agent: "researcher",
      model: "small",
      startTimeMs: start + 410,
      endTimeMs: start + 800,
      attributes: usage(200, 20),
      costMicros: null,
    }),
    span({
      spanId: "tool",
      parentSpanId: "root",
      name: "execute_tool lookup",
      agent: "orchestrator",
      model: null,
      startTimeMs: start + 860,
      endTimeMs: start + 1200,
      statusCode: "error",
      statusMessage: null,
      attributes: { "error.type": "ToolTimeout" },
      costMicros: null,
    }),
  ];
}

const expectedMultiAgent = (traceId: string, start = 10_000): TraceSummary => ({
  traceId,
  projectId: "default",
  rootSpanId: "root",
  rootName: "invoke_agent orchestrator",
  agent: "orchestrator",
  sessionId: "session-a",
  models: ["large", "small"],
  startTimeMs: start,
  endTimeMs: start + 1200,
  durationMs: 1200,
  spanCount: 6,
  errorCount: 2,
  costMicros: 730,
  inputTokens: 1400,
  outputTokens: 70,
  cacheReadTokens: 400,
  status: "error",
  errorMessage: "rate limited",
  updatedAt: "2026-11-24T09:00:00.000Z",
});

/** A small finished trace: one root, optionally one child; for listing, paging and retention. */
function smallTrace(traceId: string, start: number, overrides: Partial<SpanRecord> = {}): SpanRecord[] {
  return [
    makeSpan({ traceId, spanId: "root", startTimeMs: start, endTimeMs: start + 10, ...overrides }),
    makeSpan({
      traceId,
      spanId: "child",
      parentSpanId: "root",
      startTimeMs: start + 1,
      endTimeMs: start + 5,
    }),
  ];
}

/** Trace summaries kept on insert, listings with filters and cursors, sessions, rollups and retention. */
export function defineTracesSuite(backend: StoreBackend): void {
  describe("traces", () => {
    const fresh = useFreshStore(backend);

    it("summarises a trace: root, duration, models, cost, tokens, status and the first error", async () => {
      await fresh.store.spans.insertMany(multiAgentTrace("t1"));
      expect(await fresh.store.traces.getTraceSummary("t1")).toEqual(expectedMultiAgent("t1"));
      expect(await fresh.store.traces.getTraceSummary("unknown")).toBeUndefined();
    });

    it("gives the same summary when batches arrive out of order, one span at a time or repeated", async () => {
      const spans = multiAgentTrace("t2");
      await fresh.store.spans.insertMany([spans[5]!, spans[3]!]);
      await fresh.store.spans.insertMany([spans[4]!, spans[2]!, spans[3]!]);
      // Until the root arrives, the earliest span whose parent is missing stands in for it.
      expect(await fresh.store.traces.getTraceSummary("t2")).toMatchObject({
        rootSpanId: "research",
        spanCount: 4,
        startTimeMs: 10_210,
      });
      await fresh.store.spans.insert(spans[1]!);
      await fresh.store.spans.insert(spans[0]!);
      await fresh.store.spans.insertMany(spans);
      expect(await fresh.store.traces.getTraceSummary("t2")).toEqual(expectedMultiAgent("t2"));
      // A span repeated within one batch counts once too.
      await fresh.store.spans.insertMany([spans[0]!, spans[0]!]);
      const twice = smallTrace("t3", 5);
      await fresh.store.spans.insertMany([twice[0]!, twice[1]!, twice[1]!]);
      expect(await fresh.store.traces.getTraceSummary("t3")).toMatchObject({ spanCount: 2 });
      expect(await fresh.store.traces.getTraceSummary("t2")).toMatchObject({ spanCount: 6 });
    });

    it("keeps the earliest error's message even when a later error arrived first", async () => {
      await fresh.store.spans.insertMany([
        makeSpan({
          traceId: "e",
          spanId: "late",
          startTimeMs: 50,
          statusCode: "error",
          statusMessage: "late",
        }),
      ]);
      expect(await fresh.store.traces.getTraceSummary("e")).toMatchObject({
        status: "error",
        errorMessage: "late",
      });
      await fresh.store.spans.insertMany([
        makeSpan({
          traceId: "e",
          spanId: "early",
          startTimeMs: 20,
          statusCode: "error",
          statusMessage: "early",
        }),
        makeSpan({ traceId: "e", spanId: "fine", startTimeMs: 10, statusCode: "ok" }),
      ]);
      expect(await fresh.store.traces.getTraceSummary("e")).toMatchObject({
        status: "error",
        errorCount: 2,
        errorMessage: "early",
      });
      await fresh.store.spans.insert(makeSpan({ traceId: "fine", statusCode: "unset" }));
      expect(await fresh.store.traces.getTraceSummary("fine")).toMatchObject({
        status: "ok",
        errorCount: 0,
        errorMessage: null,
      });
    });

    it("keeps an unknown cost null, never 0, until a span brings a known one (0 included)", async () => {
      await fresh.store.spans.insertMany([
        makeSpan({ traceId: "c", spanId: "a", costMicros: null }),
        makeSpan({ traceId: "c", spanId: "b", costMicros: null }),
      ]);
      expect((await fresh.store.traces.getTraceSummary("c"))?.costMicros).toBeNull();
      await fresh.store.spans.insert(makeSpan({ traceId: "c", spanId: "c", costMicros: null }));
      expect((await fresh.store.traces.getTraceSummary("c"))?.costMicros).toBeNull();
      await fresh.store.spans.insert(makeSpan({ traceId: "c", spanId: "d", costMicros: 0 }));
      expect((await fresh.store.traces.getTraceSummary("c"))?.costMicros).toBe(0);
      await fresh.store.spans.insert(makeSpan({ traceId: "c", spanId: "e", costMicros: 9_000_000_000_000 }));
      expect((await fresh.store.traces.getTraceSummary("c"))?.costMicros).toBe(9_000_000_000_000);
    });

    it("merges concurrent inserts of one trace from two connections without losing any", async () => {
      const other = await fresh.target.open({ clock: fresh.clock });
      try {
        const spans = Array.from({ length: 400 }, (_, index) =>
          makeSpan({
            traceId: "busy",
            spanId: `s${index}`,
            parentSpanId: index === 0 ? null : "s0",
            startTimeMs: index,
            costMicros: 1,
          }),
        );
        const batches = Array.from({ length: 20 }, (_, index) => spans.slice(index * 20, index * 20 + 20));
        await Promise.all(
          batches.map((batch, index) => (index % 2 ? other : fresh.store).spans.insertMany(batch)),
        );
        expect(await fresh.store.traces.getTraceSummary("busy")).toMatchObject({
          spanCount: 400,
          costMicros: 400,
          inputTokens: 400 * 1200,
          startTimeMs: 0,
        });
      } finally {
        await other.close();
      }
    });

    it("lists with each filter, newest first, and pages without skipping or repeating equal start times", async () => {
      await fresh.store.spans.insertMany([
        ...smallTrace("a", 1000, { agent: "triage", model: "sim" }),
        ...smallTrace("b", 2000, { agent: "refund", sessionId: "s2", statusCode: "error" }),
        ...smallTrace("c", 2000, { projectId: "billing" }),
        ...smallTrace("d", 2000),
        ...smallTrace("e", 3000, { model: "sim-large-2" }),
      ]);
      const ids = async (query: Parameters<typeof fresh.store.traces.listTraces>[0]) =>
        (await fresh.store.traces.listTraces(query)).items.map((trace) => trace.traceId);
      expect(await ids({})).toEqual(["e", "d", "c", "b", "a"]);
      expect(await ids({ agent: "refund" })).toEqual(["b"]);
      expect(await ids({ status: "error" })).toEqual(["b"]);
      expect(await ids({ status: "ok" })).toEqual(["e", "d", "c", "a"]);
      expect(await ids({ sessionId: "s2" })).toEqual(["b"]);
      expect(await ids({ projectId: "billing" })).toEqual(["c"]);
      // A model matches whole names only: "sim" is not "sim-large" nor "sim-large-2".
      expect(await ids({ model: "sim" })).toEqual(["a"]);
      expect(await ids({ model: "sim-large" })).toEqual(["e", "d", "c", "b", "a"]);
      expect(await ids({ since: 2000, until: 3000 })).toEqual(["d", "c", "b"]);
      expect(await ids({ since: 2000, agent: "triage" })).toEqual(["e", "d", "c"]);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof fresh.store.traces.listTraces>> =
          await fresh.store.traces.listTraces({ limit: 2, cursor });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((trace) => trace.traceId));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(seen).toEqual(["e", "d", "c", "b", "a"]);
      const lastPage = await fresh.store.traces.listTraces({ limit: 5 });
      expect(lastPage.nextCursor).toBeNull();

      const filteredPage = await fresh.store.traces.listTraces({ limit: 1, since: 2000 });
      expect(await ids({ since: 2000, cursor: filteredPage.nextCursor })).toEqual(["d", "c", "b"]);

      expect((await rejectionOf(fresh.store.traces.listTraces({ cursor: "nonsense" }))).code).toBe(
        "STORE_INVALID_INPUT",
      );
      const badStatus = await rejectionOf(
        fresh.store.traces.listTraces({ status: "broken" as unknown as "ok" }),
      );
      expect(badStatus).toMatchObject({ code: "STORE_INVALID_INPUT", details: { field: "status" } });
      expect((await rejectionOf(fresh.store.traces.listTraces({ limit: 0 }))).code).toBe(
        "STORE_INVALID_INPUT",
      );
    });

    it("groups traces into sessions with totals, agents and a cursor; a session lists its traces oldest first", async () => {
      await fresh.store.spans.insertMany([
        ...smallTrace("s1-a", 1000, { sessionId: "s1", agent: "triage", costMicros: null }),
        ...smallTrace("s1-b", 4000, { sessionId: "s1", agent: "refund", costMicros: 10 }),
        ...smallTrace("s2-a", 3000, { sessionId: "s2", costMicros: null }),
        ...smallTrace("s3-a", 2000, { sessionId: "s3" }),
        makeSpan({ traceId: "lonely", sessionId: null, startTimeMs: 9000 }),
      ]);
      // The children of smallTrace carry the fixture's session (session-1) but the summary keeps the root's.
      const first = await fresh.store.traces.listSessions({ limit: 2 });
      expect(first.items.map((session) => session.sessionId)).toEqual(["s1", "s2"]);
      expect(first.items[0]).toEqual({
        sessionId: "s1",
        traceCount: 2,
        firstStartTimeMs: 1000,
        lastStartTimeMs: 4000,
        costMicros: 10 + 1234 * 2,
        inputTokens: 4 * 1200,
        outputTokens: 4 * 85,
        agents: ["refund", "triage"],
      });
      const second = await fresh.store.traces.listSessions({ limit: 2, cursor: first.nextCursor });
      expect(second.items.map((session) => session.sessionId)).toEqual(["s3"]);
      expect(second.nextCursor).toBeNull();

      const detail = await fresh.store.traces.getSession("s1");
      expect(detail?.traces.map((trace) => trace.traceId)).toEqual(["s1-a", "s1-b"]);
      expect(detail?.session.traceCount).toBe(2);
      expect(await fresh.store.traces.getSession("unknown")).toBeUndefined();
    });

    it("rolls a trace's cost, tokens and spans up per agent, unknown cost staying null", async () => {
      await fresh.store.spans.insertMany([
        ...multiAgentTrace("r"),
        makeSpan({ traceId: "r", spanId: "anonymous", agent: null, costMicros: null, attributes: {} }),
      ]);
      expect(await fresh.store.traces.agentRollup("r")).toEqual([
        {
          agent: "orchestrator",
          spanCount: 3,
          costMicros: 700,
          inputTokens: 1000,
          outputTokens: 50,
          cacheReadTokens: 400,
        },
        {
          agent: "researcher",
          spanCount: 3,
          costMicros: 30,
          inputTokens: 400,
          outputTokens: 20,
          cacheReadTokens: 0,
        },
        { agent: null, spanCount: 1, costMicros: null, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0 },
      ]);
      expect(await fresh.store.traces.agentRollup("unknown")).toEqual([]);
    });

    it("retention deletes whole old traces, spans and summaries, in chunks, and keeps traces still active", async () => {
      const old = Array.from({ length: 620 }, (_, index) => smallTrace(`old-${index}`, 1000 + index)).flat();
      await fresh.store.spans.insertMany([
        ...old,
        ...smallTrace("recent", 5000),
        // Started before the cutoff but still writing spans after it.
        makeSpan({ traceId: "long", spanId: "root", startTimeMs: 1000, endTimeMs: 6000 }),
      ]);
      expect(await fresh.store.traces.deleteOlderThan(3000)).toEqual({ traces: 620, spans: 1240 });
      const left = await fresh.store.traces.listTraces({ limit: 500 });
      expect(left.items.map((trace) => trace.traceId)).toEqual(["recent", "long"]);
      expect(await fresh.store.spans.getTrace("old-7")).toEqual([]);
      const spanCount = await fresh.store.db
        .selectFrom("spans")
        .select(sql<number>`count(*)`.as("count"))
        .executeTakeFirstOrThrow();
      expect(Number(spanCount.count)).toBe(3);
      expect(await fresh.store.traces.deleteOlderThan(3000)).toEqual({ traces: 0, spans: 0 });
    });

    it("migration 003 backfills summaries from the spans already stored", async () => {
      const spans = [...multiAgentTrace("m1"), ...smallTrace("m2", 50_000, { costMicros: null })];
      await fresh.store.spans.insertMany(spans);
      const before = await fresh.store.traces.listTraces({});
      // Back to schema 2 with the spans kept, then migrate forward again.
      await sql`drop table trace_summaries`.execute(fresh.store.db);
      await fresh.store.db.deleteFrom("schema_migrations").where("version", "=", 3).execute();
      fresh.clock.advance(60_000);
      expect(await fresh.store.migrations.migrate()).toEqual(["trace-summaries"]);
      const after = await fresh.store.traces.listTraces({});
      expect(after.items).toEqual(
        before.items.map((summary) => ({ ...summary, updatedAt: after.items[0]!.updatedAt })),
      );
      expect(after.items[0]!.updatedAt).toBe("2026-11-24T09:01:00.000Z");
      expect(after.items.find((summary) => summary.traceId === "m2")?.costMicros).toBe(1234);
    });
  });
}
