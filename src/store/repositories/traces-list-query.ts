import { type Kysely, type Selectable, sql } from "kysely";
import type { Database, TraceSummariesTable } from "../database.js";
import type { Page } from "../page.js";
import { invalidInput } from "../store-errors.js";
import type { StoreKind } from "../store-spec.js";
import { type TraceQuery, type TraceStatus, type TraceSummary, traceStatuses } from "../trace-spec.js";
import { fromJsonText, pageLimit, toNullableNumber } from "./column-values.js";
import { decodeCursor, encodeCursor } from "./traces-cursor.js";

/** A `trace_summaries` row as the record callers see. */
export function toTraceSummary(row: Selectable<TraceSummariesTable>): TraceSummary {
  return {
    traceId: row.trace_id,
    projectId: row.project_id,
    rootSpanId: row.root_span_id,
    rootName: row.root_name,
    agent: row.agent,
    sessionId: row.session_id,
    models: fromJsonText<string[]>(row.models),
    startTimeMs: Number(row.start_time_ms),
    endTimeMs: toNullableNumber(row.end_time_ms),
    durationMs: toNullableNumber(row.duration_ms),
    spanCount: Number(row.span_count),
    errorCount: Number(row.error_count),
    costMicros: toNullableNumber(row.cost_micros),
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    cacheReadTokens: Number(row.cache_read_tokens),
    status: row.status as TraceStatus,
    errorMessage: row.error_message,
    updatedAt: row.updated_at,
  };
}

function checkTime(value: number | undefined, field: string): number | undefined {
  if (value !== undefined && !Number.isFinite(value)) {
    throw invalidInput(field, `must be epoch milliseconds, got ${value}`);
  }
  return value;
}

/** One page of trace summaries, newest start first; every filter has an index that also gives the order. */
export async function listTraceSummaries(
  db: Kysely<Database>,
  kind: StoreKind,
  query: TraceQuery,
): Promise<Page<TraceSummary>> {
  const limit = pageLimit(query.limit, 50, 500);
  if (query.status !== undefined && !traceStatuses.includes(query.status)) {
    throw invalidInput("status", `must be one of ${traceStatuses.join(", ")}, got '${query.status}'`);
  }
  const since = checkTime(query.since, "since");
  const until = checkTime(query.until, "until");
  let select = db.selectFrom("trace_summaries").selectAll();
  if (query.projectId !== undefined) select = select.where("project_id", "=", query.projectId);
  if (query.agent !== undefined) select = select.where("agent", "=", query.agent);
  if (query.status !== undefined) select = select.where("status", "=", query.status);
  if (query.sessionId !== undefined) select = select.where("session_id", "=", query.sessionId);
  if (query.model !== undefined) {
    // `models` is a JSON array: the quoted name matches one whole element, never a prefix of another.
    const position = kind === "sqlite" ? sql.raw("instr") : sql.raw("strpos");
    select = select.where(sql<boolean>`${position}(models, ${JSON.stringify(query.model)}) > 0`);
  }
  if (since !== undefined) select = select.where("start_time_ms", ">=", since);
  if (until !== undefined) select = select.where("start_time_ms", "<", until);
  if (query.cursor) {
    const after = decodeCursor(query.cursor);
    // A row-value comparison is one index range on (…, start_time_ms, trace_id) on both databases.
    select = select.where(sql<boolean>`(start_time_ms, trace_id) < (${after.timeMs}, ${after.id})`);
  }
  const rows = await select
    .orderBy("start_time_ms", "desc")
    .orderBy("trace_id", "desc")
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map(toTraceSummary);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(last.startTimeMs, last.traceId) : null,
  };
}
