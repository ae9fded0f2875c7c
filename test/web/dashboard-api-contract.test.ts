import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/index.js";
import { errorResponse, sessionsRoutes, tracesRoutes } from "../../src/server/index.js";
import { openStore, type SpanRecord, type Store } from "../../src/store/index.js";
import { createTelemetry } from "../../src/telemetry/index.js";
import { type ApiClient, createApiClient } from "../../web/src/api/api-client.js";
import { ApiError } from "../../web/src/api/api-error.js";
import { parseSessionDetail, parseSessionList, sessionDetailPath } from "../../web/src/api/sessions-api.js";
import { parseTraceDetail, parseTraceList, traceDetailPath } from "../../web/src/api/traces-api.js";
import { formatCost } from "../../web/src/format/format-cost.js";
import { buildSpanTree, visibleSpanRows } from "../../web/src/traces/span-tree.js";
import { emptyTraceFilters, traceListApiPath } from "../../web/src/traces/trace-filters.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";
import type { FakeTrace } from "./fake-trace-builder.js";
import { buildSampleTraces, sampleNames } from "./fake-trace-samples.js";

// The dashboard's parsers against the real control plane routes over a real SQLite store: the JSON the
// server answers (src/server/routes/trace-json.ts) must be what the dashboard reads, open spans,
// lower-case status codes and unknown costs included. The browser tests use a fake server; this keeps
// the fake honest.

const now = Date.now();
const samples = buildSampleTraces(now);
const orchestrator = samples.find((trace) => trace.spans.length === 13)!;
const billing = samples.find((trace) => trace.spans[0]?.name === sampleNames.errorRoot)!;

function spanRecords(trace: FakeTrace): SpanRecord[] {
  return trace.spans.map(({ depth: _depth, durationMs: _durationMs, ...span }) => ({
    ...span,
    // The samples hold only JSON (strings, numbers, booleans, arrays of them).
    attributes: span.attributes as SpanRecord["attributes"],
    events: span.events as SpanRecord["events"],
    traceId: trace.traceId,
    projectId: "default",
  }));
}

let store: Store;
let server: ServerType;
let client: ApiClient;
let telemetryTraceId: string;

beforeAll(async () => {
  store = await openStore({ root: temporaryWorkspace() });
  // One run through the real telemetry pipeline: its attribute names are the ones Gantry really writes.
  const telemetry = createTelemetry({ serviceName: "contract-test", projectId: "default", store });
  telemetryTraceId = await telemetry.startAgentSpan(
    { name: "support", sessionId: "session-42" },
    async () => {
      await telemetry.startChatSpan({ model: "sim:default" }, (chat) =>
        telemetry.recordChatResult(chat, {
          usage: { input: 100, output: 20, cacheRead: 40 },
          cost: { micros: null, source: "unknown" },
        }),
      );
      return telemetry.activeSpanContext()!.traceId;
    },
  );
  await telemetry.shutdown();

  const records = samples.flatMap(spanRecords);
  // A span still running when the trace is read: stored without an end.
  const open = records.find(
    (record) => record.traceId === orchestrator.traceId && record.name === "chat llama3.1:8b",
  )!;
  open.endTimeMs = null;
  await store.spans.insertMany(records);

  const app = new Hono();
  app.onError((error, c) => errorResponse(c, error));
  app.route("/", tracesRoutes({ store, clock: new ManualClock(now) }));
  app.route("/", sessionsRoutes({ store }));
  server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = createApiClient({ fetch, apiKey: null, baseUrl });
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await store?.close();
});

describe("the dashboard reads the real trace API", () => {
  it("parses the list the traces page asks for, filters included", async () => {
    const page = await client.getJson(traceListApiPath(emptyTraceFilters, { limit: 50 }), parseTraceList);
    expect(page.traces).toHaveLength(samples.length + 1);
    const summary = page.traces.find((trace) => trace.traceId === orchestrator.traceId)!;
    expect(summary).toMatchObject({ rootName: sampleNames.orchestratorRoot, spanCount: 13, status: "ok" });
    expect(summary.models).toContain(sampleNames.planChatModel);

    const failed = await client.getJson(
      traceListApiPath({ ...emptyTraceFilters, status: "error", since: "24h" }, { limit: 50 }),
      parseTraceList,
    );
    expect(failed.traces.map((trace) => trace.traceId)).toEqual([billing.traceId]);
    expect(failed.traces[0]?.error).toBe(sampleNames.errorMessage);
  });

  it("follows the cursor the server hands out", async () => {
    const first = await client.getJson(traceListApiPath(emptyTraceFilters, { limit: 4 }), parseTraceList);
    expect(first.nextCursor).not.toBeNull();
    const second = await client.getJson(
      traceListApiPath(emptyTraceFilters, { limit: 50, cursor: first.nextCursor }),
      parseTraceList,
    );
    const ids = [...first.traces, ...second.traces].map((trace) => trace.traceId);
    expect(new Set(ids).size).toBe(samples.length + 1);
  });

  it("parses a trace: lower-case statuses, an open span, the tree and the rollup", async () => {
    const detail = await client.getJson(traceDetailPath(orchestrator.traceId), parseTraceDetail);
    const rows = visibleSpanRows(buildSpanTree(detail.spans), new Set());
    expect(rows.map((row) => row.node.depth)).toEqual([0, 1, 1, 2, 2, 2, 1, 2, 2, 2, 1, 2, 1]);
    const open = detail.spans.find((span) => span.name === "chat llama3.1:8b")!;
    expect(open.open).toBe(true);
    expect(open.endTimeMs).toBeGreaterThanOrEqual(open.startTimeMs);
    expect(detail.agents.map((agent) => agent.agent).sort()).toEqual([
      "order-lookup",
      "refund-policy",
      "reply-writer",
      "support-triage",
    ]);

    const failed = await client.getJson(traceDetailPath(billing.traceId), parseTraceDetail);
    const tool = failed.spans.find((span) => span.name === "execute_tool charge_card")!;
    expect(tool.statusCode).toBe("ERROR");
    expect(tool.events[0]?.name).toBe("exception");
  });

  it("shows an unpriced call from the real telemetry pipeline as unknown, never $0", async () => {
    const detail = await client.getJson(traceDetailPath(telemetryTraceId), parseTraceDetail);
    const chat = detail.spans.find((span) => span.attributes["gen_ai.operation.name"] === "chat")!;
    expect(chat.costMicros).toBeNull();
    expect(formatCost(chat.costMicros)).toBe("—");
    // Input tokens include cache reads, as the GenAI conventions ask.
    expect(chat.attributes["gen_ai.usage.input_tokens"]).toBe(140);
    expect(chat.attributes["gen_ai.usage.cache_read.input_tokens"]).toBe(40);
    expect(detail.trace.sessionId).toBe("session-42");
  });

  it("parses sessions and the server's 404 for a missing trace", async () => {
    const sessions = await client.getJson("/api/v1/sessions?limit=50", parseSessionList);
    expect(sessions.sessions.map((session) => session.sessionId)).toContain(sampleNames.orchestratorSession);
    const session = await client.getJson(
      sessionDetailPath(sampleNames.orchestratorSession),
      parseSessionDetail,
    );
    expect(session.traces).toHaveLength(2);

    const missing = await client
      .getJson(traceDetailPath("0123456789abcdef"), parseTraceDetail)
      .catch((error) => error);
    expect(missing).toBeInstanceOf(ApiError);
    expect(missing).toMatchObject({ status: 404, code: "TRACE_NOT_FOUND" });
  });
});
