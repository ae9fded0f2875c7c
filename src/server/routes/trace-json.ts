import type { JsonValue } from "../../core/index.js";
import type { AgentRollup, SessionSummary, SpanTreeEntry, TraceSummary } from "../../store/index.js";

// The JSON the traces and sessions routes answer with. The dashboard and the CLI's --json read exactly
// these shapes: change them only together with web/ and docs/reference/http-api.md.

export interface TraceSummaryJson {
  traceId: string;
  rootSpanId: string;
  rootName: string;
  agent: string | null;
  sessionId: string | null;
  models: string[];
  startTime: string;
  durationMs: number | null;
  spanCount: number;
  costMicros: number | null;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  status: "ok" | "error";
  error: string | null;
}

export interface SpanJson {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: string;
  startTimeMs: number;
  endTimeMs: number | null;
  durationMs: number | null;
  statusCode: string;
  statusMessage: string | null;
  attributes: Record<string, JsonValue>;
  events: JsonValue[];
  agent: string | null;
  model: string | null;
  sessionId: string | null;
  costMicros: number | null;
  depth: number;
}

export interface AgentRollupJson {
  agent: string | null;
  spanCount: number;
  costMicros: number | null;
  inputTokens: number;
  outputTokens: number;
}

export interface SessionJson {
  sessionId: string;
  traceCount: number;
  firstStartTime: string;
  lastStartTime: string;
  costMicros: number | null;
  inputTokens: number;
  outputTokens: number;
  agents: string[];
}

const isoTime = (timeMs: number) => new Date(timeMs).toISOString();

/** A trace summary as the API shows it. */
export function traceSummaryJson(summary: TraceSummary): TraceSummaryJson {
  return {
    traceId: summary.traceId,
    rootSpanId: summary.rootSpanId,
    rootName: summary.rootName,
    agent: summary.agent,
    sessionId: summary.sessionId,
    models: summary.models,
    startTime: isoTime(summary.startTimeMs),
    durationMs: summary.durationMs,
    spanCount: summary.spanCount,
    costMicros: summary.costMicros,
    inputTokens: summary.inputTokens,
    outputTokens: summary.outputTokens,
    cacheReadTokens: summary.cacheReadTokens,
    status: summary.status,
    error: summary.errorMessage,
  };
}

/** A span with its tree depth as the API shows it. */
export function spanJson({ span, depth }: SpanTreeEntry): SpanJson {
  return {
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    kind: span.kind,
    startTimeMs: span.startTimeMs,
    endTimeMs: span.endTimeMs,
    durationMs: span.endTimeMs === null ? null : span.endTimeMs - span.startTimeMs,
    statusCode: span.statusCode,
    statusMessage: span.statusMessage,
    attributes: span.attributes,
    events: span.events,
    agent: span.agent,
    model: span.model,
    sessionId: span.sessionId,
    costMicros: span.costMicros,
    depth,
  };
}

/** One agent's share of a trace as the API shows it. */
export function agentRollupJson(rollup: AgentRollup): AgentRollupJson {
  return {
    agent: rollup.agent,
    spanCount: rollup.spanCount,
    costMicros: rollup.costMicros,
    inputTokens: rollup.inputTokens,
    outputTokens: rollup.outputTokens,
  };
}

/** A session as the API shows it. */
export function sessionJson(session: SessionSummary): SessionJson {
  return {
    sessionId: session.sessionId,
    traceCount: session.traceCount,
    firstStartTime: isoTime(session.firstStartTimeMs),
    lastStartTime: isoTime(session.lastStartTimeMs),
    costMicros: session.costMicros,
    inputTokens: session.inputTokens,
    outputTokens: session.outputTokens,
    agents: session.agents,
  };
}
