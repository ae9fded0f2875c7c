import type { FakeSpan, FakeTrace } from "./fake-trace-builder.js";

// The trace and session endpoints of the control plane, answered from in-memory traces with the
// shapes of src/server/routes: summaries, filters, cursors, rollups and sessions.

export interface FakeApiAnswer {
  status: number;
  body: unknown;
}

function sumOrNull(values: (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : known.reduce((sum, value) => sum + value, 0);
}

function usage(span: FakeSpan, key: string): number {
  const value = span.attributes[key];
  return typeof value === "number" ? value : 0;
}

const summaries = new WeakMap<FakeTrace, ReturnType<typeof computeSummary>>();

/** TraceSummaryJson of one trace (computed once per trace: the big ones have 5,000 spans). */
export function summariseTrace(trace: FakeTrace) {
  let summary = summaries.get(trace);
  if (summary === undefined) {
    summary = computeSummary(trace);
    summaries.set(trace, summary);
  }
  return summary;
}

function computeSummary(trace: FakeTrace) {
  const spans = trace.spans;
  const root = spans.find((span) => span.parentSpanId === null) ?? spans[0]!;
  const start = Math.min(...spans.map((span) => span.startTimeMs));
  const end = Math.max(...spans.map((span) => span.endTimeMs));
  const failed = spans.filter((span) => span.statusCode === "error");
  const models = [...new Set(spans.flatMap((span) => (span.model === null ? [] : [span.model])))];
  return {
    traceId: trace.traceId,
    rootSpanId: root.spanId,
    rootName: root.name,
    agent: root.agent,
    sessionId: root.sessionId,
    models,
    startTime: new Date(start).toISOString(),
    durationMs: end - start,
    spanCount: spans.length,
    costMicros: sumOrNull(spans.map((span) => span.costMicros)),
    inputTokens: spans.reduce((sum, span) => sum + usage(span, "gen_ai.usage.input_tokens"), 0),
    outputTokens: spans.reduce((sum, span) => sum + usage(span, "gen_ai.usage.output_tokens"), 0),
    cacheReadTokens: spans.reduce(
      (sum, span) => sum + usage(span, "gen_ai.usage.cache_read.input_tokens"),
      0,
    ),
    status: failed.length > 0 ? ("error" as const) : ("ok" as const),
    error: root.statusCode === "error" ? root.statusMessage : (failed[0]?.statusMessage ?? null),
  };
}

type TraceSummary = ReturnType<typeof summariseTrace>;

function agentRollup(trace: FakeTrace) {
  const groups = new Map<string | null, FakeSpan[]>();
  for (const span of trace.spans) groups.set(span.agent, [...(groups.get(span.agent) ?? []), span]);
  return [...groups].map(([agent, spans]) => ({
    agent,
    spanCount: spans.length,
    costMicros: sumOrNull(spans.map((span) => span.costMicros)),
    inputTokens: spans.reduce((sum, span) => sum + usage(span, "gen_ai.usage.input_tokens"), 0),
    outputTokens: spans.reduce((sum, span) => sum + usage(span, "gen_ai.usage.output_tokens"), 0),
  }));
}

/** `15m`, `24h`, `7d` (relative to now) or an ISO timestamp; undefined when it is neither. */
function parseTimeBound(value: string, now: number): number | undefined {
  const relative = /^(\d+)(m|h|d)$/.exec(value);
  if (relative !== null) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[relative[2] as "m" | "h" | "d"];
    return now - Number(relative[1]) * unit;
  }
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

function error(status: number, code: string, message: string): FakeApiAnswer {
  const category = status >= 500 ? "SYSTEM" : "USER";
  return {
    status,
    body: { error: { name: "GantryError", code, message, domain: "TELEMETRY", category, details: {} } },
  };
}

function page<Item>(items: Item[], query: URLSearchParams, maxPageSize: number) {
  const limit = Math.min(Math.max(1, Number(query.get("limit") ?? 50) || 50), maxPageSize);
  const offset =
    query.get("cursor") === null ? 0 : Number(Buffer.from(query.get("cursor")!, "base64url").toString());
  const slice = items.slice(offset, offset + limit);
  const next =
    offset + limit < items.length ? Buffer.from(String(offset + limit)).toString("base64url") : null;
  return { slice, nextCursor: next };
}

function filterTraces(
  traces: readonly FakeTrace[],
  query: URLSearchParams,
  now: number,
): FakeTrace[] | FakeApiAnswer {
  const since = query.get("since");
  const until = query.get("until");
  const sinceMs = since === null ? undefined : parseTimeBound(since, now);
  const untilMs = until === null ? undefined : parseTimeBound(until, now);
  if ((since !== null && sinceMs === undefined) || (until !== null && untilMs === undefined)) {
    return error(
      400,
      "TRACE_QUERY_INVALID",
      `since/until must be an ISO timestamp or 15m, 24h, 7d; got ${since ?? until}`,
    );
  }
  return traces.filter((trace) => {
    const summary = summariseTrace(trace);
    const start = Date.parse(summary.startTime);
    if (query.get("agent") && !trace.spans.some((span) => span.agent === query.get("agent"))) return false;
    if (query.get("status") && summary.status !== query.get("status")) return false;
    if (query.get("model") && !summary.models.includes(query.get("model")!)) return false;
    if (query.get("session") && summary.sessionId !== query.get("session")) return false;
    if (sinceMs !== undefined && start < sinceMs) return false;
    if (untilMs !== undefined && start > untilMs) return false;
    return true;
  });
}

function summariseSession(sessionId: string, summaries: TraceSummary[]) {
  const starts = summaries.map((summary) => Date.parse(summary.startTime));
  return {
    sessionId,
    traceCount: summaries.length,
    firstStartTime: new Date(Math.min(...starts)).toISOString(),
    lastStartTime: new Date(Math.max(...starts)).toISOString(),
    costMicros: sumOrNull(summaries.map((summary) => summary.costMicros)),
    inputTokens: summaries.reduce((sum, summary) => sum + summary.inputTokens, 0),
    outputTokens: summaries.reduce((sum, summary) => sum + summary.outputTokens, 0),
    agents: [...new Set(summaries.flatMap((summary) => (summary.agent === null ? [] : [summary.agent])))],
  };
}

/** Newest first, as the real list is. */
function newestFirst(traces: readonly FakeTrace[]): FakeTrace[] {
  return [...traces].sort(
    (left, right) => Date.parse(summariseTrace(right).startTime) - Date.parse(summariseTrace(left).startTime),
  );
}

/** Answers /api/v1/traces* and /api/v1/sessions*, or undefined for any other path. */
export function answerTraceApi(
  pathname: string,
  query: URLSearchParams,
  context: { traces: readonly FakeTrace[]; now: number; maxPageSize: number },
): FakeApiAnswer | undefined {
  const traces = newestFirst(context.traces);
  if (pathname === "/api/v1/traces") {
    const matching = filterTraces(traces, query, context.now);
    if (!Array.isArray(matching)) return matching;
    const { slice, nextCursor } = page(matching, query, context.maxPageSize);
    return { status: 200, body: { traces: slice.map(summariseTrace), nextCursor } };
  }
  const traceMatch = /^\/api\/v1\/traces\/([^/]+)$/.exec(pathname);
  if (traceMatch !== null) {
    const traceId = decodeURIComponent(traceMatch[1]!);
    const trace = traces.find((candidate) => candidate.traceId === traceId);
    if (trace === undefined) return error(404, "TRACE_NOT_FOUND", `No trace ${traceId} in the store`);
    return {
      status: 200,
      body: { trace: summariseTrace(trace), spans: trace.spans, agents: agentRollup(trace) },
    };
  }
  const bySession = new Map<string, TraceSummary[]>();
  for (const summary of traces.map(summariseTrace)) {
    if (summary.sessionId !== null)
      bySession.set(summary.sessionId, [...(bySession.get(summary.sessionId) ?? []), summary]);
  }
  if (pathname === "/api/v1/sessions") {
    const sessions = [...bySession].map(([sessionId, summaries]) => summariseSession(sessionId, summaries));
    sessions.sort((left, right) => Date.parse(right.lastStartTime) - Date.parse(left.lastStartTime));
    const { slice, nextCursor } = page(sessions, query, context.maxPageSize);
    return { status: 200, body: { sessions: slice, nextCursor } };
  }
  const sessionMatch = /^\/api\/v1\/sessions\/([^/]+)$/.exec(pathname);
  if (sessionMatch !== null) {
    const sessionId = decodeURIComponent(sessionMatch[1]!);
    const summaries = bySession.get(sessionId);
    if (summaries === undefined)
      return error(404, "SESSION_NOT_FOUND", `No session ${sessionId} in the store`);
    return { status: 200, body: { session: summariseSession(sessionId, summaries), traces: summaries } };
  }
  return undefined;
}
