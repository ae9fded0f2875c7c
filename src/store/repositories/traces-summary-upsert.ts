import { CompiledQuery, type Kysely } from "kysely";
import type { Database, TraceSummariesTable } from "../database.js";
import type { StoreKind } from "../store-spec.js";
import type { TraceSummaryDelta } from "./traces-summary-delta.js";

// Merges per-batch deltas into `trace_summaries` with one multi-row INSERT … ON CONFLICT DO UPDATE. The
// merge is written in SQL, not read-modify-write in JS, so two writers (two processes, or Postgres
// replicas) adding spans of one trace at once both land: the database serialises the row updates.

// 23 columns x 1000 rows stays under SQLite's 32766 and Postgres's 65535 parameters.
const rowsPerStatement = 1000;

// Column order of the INSERT; `pushValues` lists a delta's values in this order.
const columns = [
  "trace_id",
  "project_id",
  "root_span_id",
  "root_name",
  "root_start_ms",
  "root_rank",
  "agent",
  "agent_start_ms",
  "session_id",
  "models",
  "start_time_ms",
  "end_time_ms",
  "duration_ms",
  "span_count",
  "error_count",
  "cost_micros",
  "input_tokens",
  "output_tokens",
  "cache_read_tokens",
  "status",
  "error_message",
  "error_start_ms",
  "updated_at",
] as const satisfies readonly (keyof TraceSummariesTable)[];

function pushValues(values: unknown[], delta: TraceSummaryDelta, updatedAt: string): void {
  values.push(
    delta.traceId,
    delta.projectId,
    delta.rootSpanId,
    delta.rootName,
    delta.rootStartMs,
    delta.rootRank,
    delta.agent,
    delta.agentStartMs,
    delta.sessionId,
    JSON.stringify(delta.models),
    delta.startTimeMs,
    delta.endTimeMs,
    delta.endTimeMs === null ? null : delta.endTimeMs - delta.startTimeMs,
    delta.spanCount,
    delta.errorCount,
    delta.costMicros,
    delta.inputTokens,
    delta.outputTokens,
    delta.cacheReadTokens,
    delta.errorCount > 0 ? "error" : "ok",
    delta.errorMessage,
    delta.errorStartMs,
    updatedAt,
  );
}

// `stored` is the row already there, `excluded` the one being inserted; every SET expression sees the
// stored row as it was before this update, on both databases.
function mergeClauses(kind: StoreKind): string {
  const least = kind === "sqlite" ? "min" : "least";
  const greatest = kind === "sqlite" ? "max" : "greatest";
  const stored = "trace_summaries";
  // SQLite's max() is null when any argument is; coalescing each side first gives "the larger known end".
  const end = `${greatest}(coalesce(${stored}.end_time_ms, excluded.end_time_ms), coalesce(excluded.end_time_ms, ${stored}.end_time_ms))`;
  const start = `${least}(${stored}.start_time_ms, excluded.start_time_ms)`;
  const pick = (better: string, column: string) =>
    `case when ${better} then excluded.${column} else ${stored}.${column} end`;
  const rootBetter = `(excluded.root_rank < ${stored}.root_rank or (excluded.root_rank = ${stored}.root_rank and excluded.root_start_ms < ${stored}.root_start_ms))`;
  const earlier = (column: string) =>
    `(excluded.${column} is not null and (${stored}.${column} is null or excluded.${column} < ${stored}.${column}))`;
  const sum = (column: string) => `${stored}.${column} + excluded.${column}`;
  const modelUnion =
    kind === "sqlite"
      ? `(select json_group_array(model) from (select value as model from json_each(${stored}.models) union select value from json_each(excluded.models) order by 1))`
      : `(select coalesce(json_agg(model order by model collate "C"), '[]')::text from (select jsonb_array_elements_text(${stored}.models::jsonb) as model union select jsonb_array_elements_text(excluded.models::jsonb)) as merged)`;
  const set: Record<Exclude<(typeof columns)[number], "trace_id">, string> = {
    project_id: `coalesce(${stored}.project_id, excluded.project_id)`,
    session_id: `coalesce(${stored}.session_id, excluded.session_id)`,
    root_span_id: pick(rootBetter, "root_span_id"),
    root_name: pick(rootBetter, "root_name"),
    root_start_ms: pick(rootBetter, "root_start_ms"),
    root_rank: pick(rootBetter, "root_rank"),
    agent: pick(earlier("agent_start_ms"), "agent"),
    agent_start_ms: pick(earlier("agent_start_ms"), "agent_start_ms"),
    // Most batches bring no model the trace lacks; the set union only runs when one might.
    models: `case when excluded.models = '[]' or excluded.models = ${stored}.models then ${stored}.models else ${modelUnion} end`,
    start_time_ms: start,
    end_time_ms: end,
    duration_ms: `${end} - ${start}`,
    span_count: sum("span_count"),
    error_count: sum("error_count"),
    cost_micros: `case when excluded.cost_micros is null then ${stored}.cost_micros when ${stored}.cost_micros is null then excluded.cost_micros else ${stored}.cost_micros + excluded.cost_micros end`,
    input_tokens: sum("input_tokens"),
    output_tokens: sum("output_tokens"),
    cache_read_tokens: sum("cache_read_tokens"),
    status: `case when ${stored}.error_count + excluded.error_count > 0 then 'error' else 'ok' end`,
    error_message: pick(earlier("error_start_ms"), "error_message"),
    error_start_ms: pick(earlier("error_start_ms"), "error_start_ms"),
    updated_at: "excluded.updated_at",
  };
  return Object.entries(set)
    .map(([column, expression]) => `${column} = ${expression}`)
    .join(", ");
}

// Statement text per dialect and row count, built once: this runs on every span batch, and assembling
// a 23-column multi-row upsert through the query builder cost more than SQLite executing it.
const statements = new Map<string, string>();

function upsertStatement(kind: StoreKind, rowCount: number): string {
  const key = `${kind}:${rowCount}`;
  let text = statements.get(key);
  if (text === undefined) {
    let parameter = 0;
    const placeholder = kind === "sqlite" ? () => "?" : () => `$${++parameter}`;
    const tuples = Array.from({ length: rowCount }, () => `(${columns.map(placeholder).join(", ")})`);
    text =
      `insert into trace_summaries (${columns.join(", ")}) values ${tuples.join(", ")} ` +
      `on conflict (trace_id) do update set ${mergeClauses(kind)}`;
    statements.set(key, text);
  }
  return text;
}

/** Adds the deltas (sorted by trace id, one per trace) to the stored summaries; run inside the span insert's transaction. */
export async function upsertTraceSummaries(
  db: Kysely<Database>,
  kind: StoreKind,
  deltas: readonly TraceSummaryDelta[],
  updatedAt: string,
): Promise<void> {
  // Sorted by trace id, so concurrent Postgres writers lock rows in one order and cannot deadlock.
  for (let start = 0; start < deltas.length; start += rowsPerStatement) {
    const some = deltas.slice(start, start + rowsPerStatement);
    const values: unknown[] = [];
    for (const delta of some) pushValues(values, delta, updatedAt);
    await db.executeQuery(CompiledQuery.raw(upsertStatement(kind, some.length), values));
  }
}
