import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/index.js";
import { errorResponse } from "../../src/server/index.js";
import { sessionsRoutes } from "../../src/server/routes/sessions-routes.js";
import { tracesRoutes } from "../../src/server/routes/traces-routes.js";
import { openStore, type SpanRecord, type Store } from "../../src/store/index.js";
import { createTelemetry } from "../../src/telemetry/index.js";
import { readJson } from "../support/read-json.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";

// The traces and sessions routes on a real loopback server over a real SQLite store, seeded by the real
// telemetry pipeline (one run with a subagent) and by hand-made spans for filters, errors and paging.

// The telemetry run uses the real clock, so the hand-made spans sit just before the real now.
const now = Date.now();
const hour = 3_600_000;

function span(overrides: Partial<SpanRecord> & Pick<SpanRecord, "traceId" | "spanId">): SpanRecord {
  return {
    parentSpanId: null,
    name: "invoke_agent triage",
    kind: "internal",
    startTimeMs: now - hour,
    endTimeMs: (overrides.startTimeMs ?? now - hour) + 250,
    statusCode: "unset",
    statusMessage: null,
    attributes: {},
    events: [],
    projectId: "default",
    agent: "triage",
    model: null,
    sessionId: null,
    costMicros: null,
    ...overrides,
  };
}

let store: Store;
let server: ServerType;
let baseUrl: string;
let telemetryTraceId: string;

async function get(path: string): Promise<{ status: number; body: Awaited<ReturnType<typeof readJson>> }> {
  const response = await fetch(`${baseUrl}${path}`);
  return { status: response.status, body: await readJson(response) };
}

beforeAll(async () => {
  const root = temporaryWorkspace();
  store = await openStore({ root });

  const telemetry = createTelemetry({ serviceName: "api-test", projectId: "default", store });
  telemetryTraceId = await telemetry.startAgentSpan(
    { name: "support", sessionId: "session-42" },
    async () => {
      await telemetry.startChatSpan({ model: "sim:default" }, (chat) =>
        telemetry.recordChatResult(chat, {
          usage: { input: 100, output: 20, cacheRead: 40 },
          cost: { micros: 500, source: "computed" },
        }),
      );
      await telemetry.startAgentSpan({ name: "billing" }, () =>
        telemetry.startChatSpan({ model: "sim:fast" }, (chat) =>
          telemetry.recordChatResult(chat, {
            usage: { input: 10, output: 5 },
            cost: { micros: null, source: "unknown" },
          }),
        ),
      );
      return telemetry.activeSpanContext()!.traceId;
    },
  );
  await telemetry.shutdown();

  await store.spans.insertMany([
    span({
      traceId: "failed",
      spanId: "root",
      agent: "refund",
      sessionId: "session-7",
      startTimeMs: now - 2 * hour,
    }),
    span({
      traceId: "failed",
      spanId: "tool",
      parentSpanId: "root",
      name: "execute_tool issue_refund",
      agent: "refund",
      startTimeMs: now - 2 * hour + 10,
      endTimeMs: now - 2 * hour + 260,
      statusCode: "error",
      statusMessage: "refund service unavailable",
    }),
    span({ traceId: "old", spanId: "root", startTimeMs: now - 3 * 24 * hour, sessionId: "session-7" }),
    // A trace whose root never arrived: its spans are orphans, drawn at depth 0.
    span({ traceId: "orphans", spanId: "a", parentSpanId: "missing", startTimeMs: now - 5 * hour }),
    span({ traceId: "orphans", spanId: "b", parentSpanId: "a", startTimeMs: now - 5 * hour + 1 }),
    ...Array.from({ length: 5 }, (_, index) =>
      span({
        traceId: `page-${index}`,
        spanId: "root",
        agent: "pager",
        startTimeMs: now - 10 * hour - index,
      }),
    ),
  ]);

  const clock = new ManualClock(now);
  const app = new Hono();
  app.onError((error, c) => errorResponse(c, error));
  app.route("/", tracesRoutes({ store, clock }));
  app.route("/", sessionsRoutes({ store }));
  server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await store?.close();
});

describe("GET /api/v1/traces", () => {
  it("lists summaries newest first in the documented shape", async () => {
    const { status, body } = await get("/api/v1/traces");
    expect(status).toBe(200);
    expect(body.traces.map((trace: { traceId: string }) => trace.traceId)).toEqual([
      telemetryTraceId,
      "failed",
      "orphans",
      "page-0",
      "page-1",
      "page-2",
      "page-3",
      "page-4",
      "old",
    ]);
    expect(body.nextCursor).toBeNull();
    const run = body.traces[0];
    expect(Object.keys(run).sort()).toEqual(
      [
        "traceId",
        "rootSpanId",
        "rootName",
        "agent",
        "sessionId",
        "models",
        "startTime",
        "durationMs",
        "spanCount",
        "costMicros",
        "inputTokens",
        "outputTokens",
        "cacheReadTokens",
        "status",
        "error",
      ].sort(),
    );
    expect(run).toMatchObject({
      rootName: "invoke_agent support",
      agent: "support",
      sessionId: "session-42",
      models: ["default", "fast"],
      spanCount: 4,
      // The unpriced call leaves the known 500 as it is: unknown parts do not turn a known sum into null.
      costMicros: 500,
      inputTokens: 100 + 40 + 10,
      outputTokens: 25,
      cacheReadTokens: 40,
      status: "ok",
      error: null,
    });
    expect(run.startTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    expect(body.traces[1]).toMatchObject({
      traceId: "failed",
      startTime: new Date(now - 2 * hour).toISOString(),
      durationMs: 260,
      status: "error",
      error: "refund service unavailable",
      costMicros: null,
    });
  });

  it("filters by agent, status, model, session and time (relative or ISO)", async () => {
    const ids = async (query: string) =>
      (await get(`/api/v1/traces?${query}`)).body.traces.map((trace: { traceId: string }) => trace.traceId);
    expect(await ids("agent=refund")).toEqual(["failed"]);
    expect(await ids("status=error")).toEqual(["failed"]);
    expect(await ids("status=ok&agent=pager")).toHaveLength(5);
    expect(await ids("model=fast")).toEqual([telemetryTraceId]);
    expect(await ids("session=session-7")).toEqual(["failed", "old"]);
    expect(await ids("since=24h&agent=triage")).toEqual(["orphans"]);
    expect(await ids(`since=${new Date(now - 3 * hour).toISOString()}&until=1h`)).toEqual(["failed"]);
    expect(await ids("since=7d&status=ok&agent=triage")).toEqual(["orphans", "old"]);
  });

  it("pages with limit and cursor, never repeating or skipping", async () => {
    const seen: string[] = [];
    let path = "/api/v1/traces?agent=pager&limit=2";
    for (let pages = 0; pages < 10; pages++) {
      const { status, body } = await get(path);
      expect(status).toBe(200);
      expect(body.traces.length).toBeLessThanOrEqual(2);
      seen.push(...body.traces.map((trace: { traceId: string }) => trace.traceId));
      if (body.nextCursor === null) break;
      path = `/api/v1/traces?agent=pager&limit=2&cursor=${encodeURIComponent(body.nextCursor)}`;
    }
    expect(seen).toEqual(["page-0", "page-1", "page-2", "page-3", "page-4"]);
  });

  it("answers a bad query value with a 400 naming the parameter", async () => {
    const cases: [string, string][] = [
      ["status=broken", "status"],
      ["limit=0", "limit"],
      ["limit=201", "limit"],
      ["limit=ten", "limit"],
      ["since=yesterday", "since"],
      ["until=5", "until"],
      ["cursor=not-a-cursor", "cursor"],
      ["agent=", "agent"],
    ];
    for (const [query, parameter] of cases) {
      const { status, body } = await get(`/api/v1/traces?${query}`);
      expect({ query, status }).toEqual({ query, status: 400 });
      expect(body.error).toMatchObject({ code: "QUERY_PARAMETER_INVALID", details: { parameter } });
      expect(body.error.message).toContain(`'${parameter}'`);
    }
  });
});

describe("GET /api/v1/traces/:id", () => {
  it("returns the summary, the spans by start with tree depths, and the per-agent rollup", async () => {
    const { status, body } = await get(`/api/v1/traces/${telemetryTraceId}`);
    expect(status).toBe(200);
    expect(body.trace).toMatchObject({ traceId: telemetryTraceId, spanCount: 4 });
    const spans = body.spans as {
      name: string;
      depth: number;
      startTimeMs: number;
      spanId: string;
      parentSpanId: string | null;
    }[];
    const byName = Object.fromEntries(spans.map((entry) => [entry.name, entry]));
    expect(Object.fromEntries(spans.map((entry) => [entry.name, entry.depth]))).toEqual({
      "invoke_agent support": 0,
      "chat default": 1,
      "invoke_agent billing": 1,
      "chat fast": 2,
    });
    expect(byName["chat fast"]!.parentSpanId).toBe(byName["invoke_agent billing"]!.spanId);
    // Ordered by start; the telemetry clock has millisecond resolution, so ties keep parents first.
    const starts = spans.map((entry) => entry.startTimeMs);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    spans.forEach((entry, index) => {
      if (entry.parentSpanId === null) return;
      expect(spans.findIndex((other) => other.spanId === entry.parentSpanId)).toBeLessThan(index);
    });
    expect(Object.keys(byName["chat default"]!).sort()).toEqual(
      [
        "spanId",
        "parentSpanId",
        "name",
        "kind",
        "startTimeMs",
        "endTimeMs",
        "durationMs",
        "statusCode",
        "statusMessage",
        "attributes",
        "events",
        "agent",
        "model",
        "sessionId",
        "costMicros",
        "depth",
      ].sort(),
    );
    expect(byName["chat default"]).toMatchObject({
      parentSpanId: spans[0]!.spanId,
      kind: "client",
      model: "default",
      costMicros: 500,
      attributes: { "gen_ai.usage.input_tokens": 140 },
    });
    expect(body.agents).toEqual([
      { agent: "support", spanCount: 2, costMicros: 500, inputTokens: 140, outputTokens: 20 },
      { agent: "billing", spanCount: 2, costMicros: null, inputTokens: 10, outputTokens: 5 },
    ]);
  });

  it("draws orphans at depth 0 and answers 404 TRACE_NOT_FOUND for an unknown id", async () => {
    const orphans = await get("/api/v1/traces/orphans");
    expect(
      orphans.body.spans.map((entry: { spanId: string; depth: number }) => [entry.spanId, entry.depth]),
    ).toEqual([
      ["a", 0],
      ["b", 1],
    ]);
    const missing = await get("/api/v1/traces/does-not-exist");
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({
      code: "TRACE_NOT_FOUND",
      details: { traceId: "does-not-exist" },
    });
  });
});

describe("sessions", () => {
  it("lists sessions with totals and agents, latest first, with a cursor", async () => {
    const first = await get("/api/v1/sessions?limit=1");
    expect(first.status).toBe(200);
    expect(first.body.sessions).toEqual([
      {
        sessionId: "session-42",
        traceCount: 1,
        firstStartTime: expect.any(String),
        lastStartTime: expect.any(String),
        costMicros: 500,
        inputTokens: 150,
        outputTokens: 25,
        agents: ["support"],
      },
    ]);
    const second = await get(`/api/v1/sessions?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body).toEqual({
      sessions: [
        {
          sessionId: "session-7",
          traceCount: 2,
          firstStartTime: new Date(now - 3 * 24 * hour).toISOString(),
          lastStartTime: new Date(now - 2 * hour).toISOString(),
          costMicros: null,
          inputTokens: 0,
          outputTokens: 0,
          agents: ["refund", "triage"],
        },
      ],
      nextCursor: null,
    });
    expect((await get("/api/v1/sessions?limit=500")).body.error).toMatchObject({
      details: { parameter: "limit" },
    });
  });

  it("shows one session with its traces oldest first, and 404 SESSION_NOT_FOUND for an unknown one", async () => {
    const { status, body } = await get("/api/v1/sessions/session-7");
    expect(status).toBe(200);
    expect(body.session).toMatchObject({ sessionId: "session-7", traceCount: 2 });
    expect(body.traces.map((trace: { traceId: string }) => trace.traceId)).toEqual(["old", "failed"]);
    const missing = await get("/api/v1/sessions/nobody");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("SESSION_NOT_FOUND");
  });
});
