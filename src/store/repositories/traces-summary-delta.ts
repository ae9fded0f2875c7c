import type { JsonValue } from "../../core/index.js";
import type { SpanRecord } from "../span-spec.js";

// One batch of spans reduced to one summary row per trace, in JS: the insert path then writes one
// upsert per trace instead of re-aggregating the trace's stored spans in SQL. The upsert merges these
// deltas into what is stored (traces-summary-upsert.ts), so batches may arrive in any order.

/**
 * Token attribute keys, as src/telemetry/gen-ai-conventions.ts spells them (`genAiKeys.usage*`). The store
 * sits below telemetry and cannot import it; conventions' test pins these names, this list copies them.
 */
export const usageKeys = {
  inputTokens: "gen_ai.usage.input_tokens",
  outputTokens: "gen_ai.usage.output_tokens",
  cacheReadTokens: "gen_ai.usage.cache_read.input_tokens",
} as const;

const errorTypeKey = "error.type";

/** The fields of a span the summary reads. */
export type SummarisedSpan = Pick<
  SpanRecord,
  | "traceId"
  | "spanId"
  | "parentSpanId"
  | "name"
  | "startTimeMs"
  | "endTimeMs"
  | "statusCode"
  | "statusMessage"
  | "attributes"
  | "projectId"
  | "agent"
  | "model"
  | "sessionId"
  | "costMicros"
>;

export type RootRank = 0 | 1 | 2;

/** What one batch contributes to one trace's summary. */
export interface TraceSummaryDelta {
  traceId: string;
  projectId: string | null;
  rootSpanId: string;
  rootName: string;
  rootStartMs: number;
  /**
   * How root-like the root candidate is: 0 has no parent, 1 has a parent that was not in its batch,
   * 2 has its parent in its batch (a stand-in only while nothing better has arrived).
   */
  rootRank: RootRank;
  agent: string | null;
  agentStartMs: number | null;
  sessionId: string | null;
  models: string[];
  startTimeMs: number;
  endTimeMs: number | null;
  spanCount: number;
  errorCount: number;
  costMicros: number | null;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  errorMessage: string | null;
  errorStartMs: number | null;
}

/** A token count from an attribute: a non-negative finite number (truncated), anything else counts 0. */
export function tokenCount(value: JsonValue | undefined): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.trunc(value) : 0;
}

function errorMessageOf(span: SummarisedSpan): string | null {
  if (span.statusMessage) return span.statusMessage;
  const errorType = span.attributes[errorTypeKey];
  return typeof errorType === "string" && errorType.length > 0 ? errorType : null;
}

function newDelta(span: SummarisedSpan): TraceSummaryDelta {
  return {
    traceId: span.traceId,
    projectId: null,
    rootSpanId: span.spanId,
    rootName: span.name,
    rootStartMs: span.startTimeMs,
    rootRank: 2,
    agent: null,
    agentStartMs: null,
    sessionId: null,
    models: [],
    startTimeMs: span.startTimeMs,
    endTimeMs: null,
    spanCount: 0,
    errorCount: 0,
    costMicros: null,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    errorMessage: null,
    errorStartMs: null,
  };
}

// A candidate beats the current root with a lower rank, or with the same rank and an earlier start.
function betterRoot(delta: TraceSummaryDelta, rank: RootRank, startTimeMs: number): boolean {
  if (rank !== delta.rootRank) return rank < delta.rootRank;
  return startTimeMs < delta.rootStartMs;
}

/** Reduces a batch of spans (any traces, any order) to one delta per trace, sorted by trace id. */
export function summariseSpans(spans: readonly SummarisedSpan[]): TraceSummaryDelta[] {
  const deltas = new Map<string, TraceSummaryDelta>();
  // Spans whose parent is in this batch are never root candidates; the set is only built when needed.
  let batchSpanIds: Set<string> | undefined;
  const models = new Map<TraceSummaryDelta, Set<string>>();
  for (const span of spans) {
    let delta = deltas.get(span.traceId);
    if (delta === undefined) {
      delta = newDelta(span);
      deltas.set(span.traceId, delta);
    }
    delta.spanCount += 1;
    if (span.startTimeMs < delta.startTimeMs) delta.startTimeMs = span.startTimeMs;
    if (span.endTimeMs !== null && (delta.endTimeMs === null || span.endTimeMs > delta.endTimeMs)) {
      delta.endTimeMs = span.endTimeMs;
    }
    if (delta.rootRank !== 0 || span.startTimeMs < delta.rootStartMs) {
      let rank: RootRank = 0;
      if (span.parentSpanId !== null) {
        batchSpanIds ??= new Set(spans.map((each) => `${each.traceId}/${each.spanId}`));
        rank = batchSpanIds.has(`${span.traceId}/${span.parentSpanId}`) ? 2 : 1;
      }
      if (betterRoot(delta, rank, span.startTimeMs) || delta.spanCount === 1) {
        delta.rootSpanId = span.spanId;
        delta.rootName = span.name;
        delta.rootStartMs = span.startTimeMs;
        delta.rootRank = rank;
      }
    }
    if (span.agent !== null && (delta.agentStartMs === null || span.startTimeMs < delta.agentStartMs)) {
      delta.agent = span.agent;
      delta.agentStartMs = span.startTimeMs;
    }
    delta.projectId ??= span.projectId;
    delta.sessionId ??= span.sessionId;
    if (span.model !== null) {
      let set = models.get(delta);
      if (set === undefined) {
        set = new Set();
        models.set(delta, set);
      }
      set.add(span.model);
    }
    if (span.costMicros !== null) delta.costMicros = (delta.costMicros ?? 0) + span.costMicros;
    const attributes = span.attributes;
    delta.inputTokens += tokenCount(attributes[usageKeys.inputTokens]);
    delta.outputTokens += tokenCount(attributes[usageKeys.outputTokens]);
    delta.cacheReadTokens += tokenCount(attributes[usageKeys.cacheReadTokens]);
    if (span.statusCode === "error") {
      delta.errorCount += 1;
      if (delta.errorStartMs === null || span.startTimeMs < delta.errorStartMs) {
        delta.errorStartMs = span.startTimeMs;
        delta.errorMessage = errorMessageOf(span);
      }
    }
  }
  for (const [delta, set] of models) delta.models = [...set].sort();
  return [...deltas.values()].sort((a, b) => (a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0));
}
