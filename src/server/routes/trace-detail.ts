import { GantryError } from "../../core/index.js";
import { rollupByAgent, type Store, spanTree } from "../../store/index.js";
import {
  type AgentRollupJson,
  agentRollupJson,
  type SpanJson,
  spanJson,
  type TraceSummaryJson,
  traceSummaryJson,
} from "./trace-json.js";

export interface TraceDetailJson {
  trace: TraceSummaryJson;
  /** Ordered by start time, each with its depth in the tree. */
  spans: SpanJson[];
  agents: AgentRollupJson[];
}

/** The 404 for a trace id the store does not hold. */
export function traceNotFound(traceId: string): GantryError {
  return new GantryError({
    code: "TRACE_NOT_FOUND",
    message: `No trace with id '${traceId}' is stored`,
    domain: "SERVER",
    category: "USER",
    details: { traceId },
    hint: "List traces with GET /api/v1/traces (or `gantry traces list`); old traces go with retention.",
  });
}

/** One trace: its summary, its spans with tree depths and its per-agent rollup, from one read of its spans. */
export async function traceDetail(store: Store, traceId: string): Promise<TraceDetailJson> {
  const [summary, spans] = await Promise.all([
    store.traces.getTraceSummary(traceId),
    store.spans.getTrace(traceId),
  ]);
  if (summary === undefined) throw traceNotFound(traceId);
  // By start time; spans starting in the same millisecond (clocks with ms resolution) keep tree order
  // (the sort is stable), so a parent always comes before its children.
  const byStart = spanTree(spans).sort((a, b) => a.span.startTimeMs - b.span.startTimeMs);
  return {
    trace: traceSummaryJson(summary),
    spans: byStart.map(spanJson),
    agents: rollupByAgent(spans).map(agentRollupJson),
  };
}
