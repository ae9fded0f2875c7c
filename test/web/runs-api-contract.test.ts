import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonValue } from "../../src/core/index.js";
import type { RunState } from "../../src/runtime/index.js";
import { createActiveRuns, errorResponse, runsRoutes } from "../../src/server/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { type ApiClient, createApiClient } from "../../web/src/api/api-client.js";
import { ApiError } from "../../web/src/api/api-error.js";
import { parseRunDetail, parseRunList, runDetailPath } from "../../web/src/api/runs-api.js";
import { emptyRunFilters, runListApiPath } from "../../web/src/runs/run-filters.js";
import { readOnlyRuntime } from "../support/fake-runtime.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";

// The dashboard's runs parsers against the real runs routes over a real SQLite store holding runs with
// checkpointed state as the runtime writes it (RunState v1): the JSON of src/server/routes/run-json.ts
// must be what web/src/api/runs-api.ts reads. The browser tests use a fake server; this keeps it honest.

function state(overrides: Partial<RunState> & Pick<RunState, "runId">): RunState {
  return {
    schemaVersion: 1,
    agent: { name: "refund-desk", version: "0.4.1" },
    model: "tier:large",
    input: "charged twice for order 2052",
    parentRunIds: [],
    projectId: "default",
    messages: [
      { role: "system", content: "You handle refunds." },
      { role: "user", content: [{ type: "text", text: "charged twice for order 2052" }] },
    ],
    steps: 0,
    toolCalls: [],
    costMicros: 0,
    unpricedCalls: 0,
    inputTokens: 0,
    outputTokens: 0,
    repairs: 0,
    toolsDisabled: false,
    elapsedMs: 0,
    startedAt: new Date().toISOString(),
    ...overrides,
  };
}

let store: Store;
let server: ServerType;
let client: ApiClient;
let pausedId: string;
let completedId: string;

beforeAll(async () => {
  store = await openStore({ root: temporaryWorkspace() });
  const paused = await store.runs.create({
    agent: "refund-desk",
    agentVersion: "0.4.1",
    input: "charged twice",
  });
  pausedId = paused.id;
  await store.runs.update(pausedId, {
    status: "paused",
    costMicros: 47_100,
    traceId: "9e4b2a6c1d8f4a7b9c3e5d2f1a0b8c7d",
    state: state({
      runId: pausedId,
      steps: 2,
      costMicros: 47_100,
      inputTokens: 9_820,
      outputTokens: 610,
      traceId: "9e4b2a6c1d8f4a7b9c3e5d2f1a0b8c7d",
      toolCalls: [
        {
          toolCallId: "call_1",
          toolName: "lookup_order",
          input: { orderId: "2052" },
          idempotencyKey: `${pausedId}:call_1`,
          step: 1,
          attempts: 1,
          status: "completed",
          output: { charges: 2 },
        },
        {
          toolCallId: "call_2",
          toolName: "issue_refund",
          input: { orderId: "2052" },
          idempotencyKey: `${pausedId}:call_2`,
          step: 2,
          attempts: 2,
          status: "started",
        },
      ],
      breaker: {
        spentMicros: 47_100,
        iterations: 2,
        recentSpend: [],
        recentToolCalls: [],
        handoffs: [],
        trips: [
          {
            reason: "spend-velocity",
            degradation: "downgrade-tier",
            message: "$0.05 in the last minute passes the $0.04 per minute limit",
            details: { usdPerMinute: 0.05 },
            at: Date.now(),
          },
        ],
      },
      pause: {
        reason: "budget",
        message: "Run budget of $0.05 would be exceeded",
        details: { scope: "run", limitMicros: 50_000 },
        at: new Date().toISOString(),
      },
    }) as unknown as JsonValue,
  });
  const completed = await store.runs.create({
    agent: "support-triage",
    input: { ticket: 7 },
    sessionId: "s-7",
  });
  completedId = completed.id;
  await store.runs.update(completedId, {
    status: "completed",
    output: { category: "refund", confidence: 0.92 },
    costMicros: 612,
    state: state({ runId: completedId, steps: 1, stopReason: "final-answer" }) as unknown as JsonValue,
  });
  // A run that never checkpointed, and one that failed: the list must take both.
  await store.runs.create({ agent: "support-triage", input: "queued one" });
  const failed = await store.runs.create({ agent: "billing-assistant", input: "charge it" });
  await store.runs.update(failed.id, {
    status: "failed",
    error: {
      code: "RUN_LIMIT_REACHED",
      message: "reached its maxSteps limit (10)",
      hint: "Raise limits.maxSteps.",
    },
  });

  const app = new Hono();
  app.onError((error, c) => errorResponse(c, error));
  app.route("/", runsRoutes({ store, runtime: readOnlyRuntime(), activeRuns: createActiveRuns() }));
  server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  client = createApiClient({
    fetch,
    apiKey: null,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await store?.close();
});

describe("the dashboard reads the real runs API", () => {
  it("parses the list, newest first, with state counts, pauses and errors", async () => {
    const page = await client.getJson(runListApiPath(emptyRunFilters, { limit: 50 }), parseRunList);
    expect(page.runs.map((run) => run.agent)).toEqual([
      "billing-assistant",
      "support-triage",
      "support-triage",
      "refund-desk",
    ]);
    const [failed, queued, completed, paused] = page.runs;
    expect(failed).toMatchObject({
      status: "failed",
      error: { code: "RUN_LIMIT_REACHED" },
      resumable: false,
    });
    expect(queued).toMatchObject({ status: "queued", steps: 0, toolCalls: 0, traceId: null });
    expect(completed).toMatchObject({
      status: "completed",
      steps: 1,
      stopReason: "final-answer",
      sessionId: "s-7",
    });
    expect(paused).toMatchObject({
      status: "paused",
      steps: 2,
      toolCalls: 2,
      costMicros: 47_100,
      pause: { reason: "budget" },
      resumable: true,
    });
  });

  it("filters by status and agent and pages with the cursor", async () => {
    const pausedOnly = await client.getJson(
      runListApiPath({ ...emptyRunFilters, status: "paused" }, { limit: 10 }),
      parseRunList,
    );
    expect(pausedOnly.runs.map((run) => run.runId)).toEqual([pausedId]);
    const triage = await client.getJson(
      runListApiPath({ agent: "support-triage", status: "" }, { limit: 1 }),
      parseRunList,
    );
    expect(triage.runs).toHaveLength(1);
    expect(triage.nextCursor).not.toBeNull();
    const next = await client.getJson(
      runListApiPath({ agent: "support-triage", status: "" }, { limit: 1, cursor: triage.nextCursor }),
      parseRunList,
    );
    expect(next.runs.map((run) => run.runId)).toEqual([completedId]);
  });

  it("parses a run's detail: tool calls with status, trips, links to its trace", async () => {
    const detail = await client.getJson(runDetailPath(pausedId), parseRunDetail);
    expect(detail.run.input).toBe("charged twice");
    expect(detail.state).toMatchObject({
      schemaVersion: 1,
      messages: 2,
      inputTokens: 9_820,
      model: "tier:large",
    });
    expect(detail.state?.toolCalls.map((call) => [call.toolName, call.status, call.attempts])).toEqual([
      ["lookup_order", "completed", 1],
      ["issue_refund", "started", 2],
    ]);
    expect(detail.state?.trips[0]).toMatchObject({ reason: "spend-velocity", degradation: "downgrade-tier" });
    expect(detail.links).toEqual({
      self: `/api/v1/runs/${pausedId}`,
      resume: `/api/v1/runs/${pausedId}/resume`,
      trace: "/api/v1/traces/9e4b2a6c1d8f4a7b9c3e5d2f1a0b8c7d",
      dashboard: `/runs/${pausedId}`,
      traceDashboard: "/traces/9e4b2a6c1d8f4a7b9c3e5d2f1a0b8c7d",
    });
    const completed = await client.getJson(runDetailPath(completedId), parseRunDetail);
    expect(completed.run.output).toEqual({ category: "refund", confidence: 0.92 });
    expect(completed.links.resume).toBeNull();
  });

  it("answers a missing run with the 404 the dashboard shows", async () => {
    const failure = await client
      .getJson(runDetailPath("run_missing"), parseRunDetail)
      .catch((error) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 404, code: "RUN_NOT_FOUND" });
  });
});
