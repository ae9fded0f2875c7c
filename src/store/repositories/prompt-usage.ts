import { type Kysely, sql } from "kysely";
import type { Database } from "../database.js";
import type { PromptHashUsage, PromptUsageQuery } from "../prompt-spec.js";
import { defaultProjectId } from "./projects-repository.js";

// Model calls grouped by (prompt id, prompt hash). Every query filters on `prompt_hash is not null`,
// which is the predicate of the partial indexes of migration 006, so only spans that carry a prompt
// hash are read: by prompt id (spans_prompt_hash) or by environment and start (spans_prompt_environment).

/** Per-hash usage of the project's prompts (the `default` project unless one is given). */
export async function promptUsageByHash(
  db: Kysely<Database>,
  query: PromptUsageQuery = {},
): Promise<PromptHashUsage[]> {
  let select = db
    .selectFrom("spans")
    .select([
      "prompt_id",
      "prompt_hash",
      sql<number>`count(*)`.as("calls"),
      sql<number>`count(distinct trace_id)`.as("traces"),
      // sum(bigint) is numeric on Postgres; the cast keeps it an exact int8 (a number through our parser).
      sql<number>`cast(coalesce(sum(cost_micros), 0) as bigint)`.as("cost_micros"),
      sql<number>`cast(sum(case when status_code = 'error' then 1 else 0 end) as bigint)`.as("errors"),
      // avg skips the null differences of calls that have not ended.
      sql<number | null>`avg(end_time_ms - start_time_ms)`.as("mean_duration_ms"),
      sql<number>`min(start_time_ms)`.as("first_seen_ms"),
      sql<number>`max(start_time_ms)`.as("last_seen_ms"),
    ])
    .where("prompt_hash", "is not", null)
    .where("project_id", "=", query.projectId ?? defaultProjectId);
  if (query.promptId !== undefined) select = select.where("prompt_id", "=", query.promptId);
  if (query.environment !== undefined) select = select.where("environment", "=", query.environment);
  if (query.sinceMs !== undefined) select = select.where("start_time_ms", ">=", query.sinceMs);
  const scores = query.withScores ? await onlineScoresByHash(db, query) : new Map();
  const rows = await select
    .groupBy(["prompt_id", "prompt_hash"])
    .orderBy("prompt_id")
    .orderBy("last_seen_ms", "desc")
    .orderBy("prompt_hash")
    .execute();
  return rows.map((row) => ({
    // A span may carry a hash without an id (a prompt rendered outside the registry); it is listed
    // under the empty id rather than dropped.
    promptId: row.prompt_id ?? "",
    hash: row.prompt_hash!,
    calls: Number(row.calls),
    traces: Number(row.traces),
    costMicros: Number(row.cost_micros),
    errors: Number(row.errors),
    meanDurationMs: row.mean_duration_ms === null ? null : Number(row.mean_duration_ms),
    firstSeenMs: Number(row.first_seen_ms),
    lastSeenMs: Number(row.last_seen_ms),
    ...withScore(scores.get(`${row.prompt_id ?? ""}\u0000${row.prompt_hash}`)),
  }));
}

function withScore(score: { mean: number; count: number } | undefined) {
  return score ? { onlineScore: score } : {};
}

// Online eval scores (src/evals' production scoring) are per trace; a trace is attributed to every
// prompt hash its model calls carried, so a version's score is the mean over the traces it served.
async function onlineScoresByHash(
  db: Kysely<Database>,
  query: PromptUsageQuery,
): Promise<Map<string, { mean: number; count: number }>> {
  let traces = db
    .selectFrom("spans")
    .select(["trace_id", "prompt_id", "prompt_hash"])
    .distinct()
    .where("prompt_hash", "is not", null)
    .where("project_id", "=", query.projectId ?? defaultProjectId);
  if (query.promptId !== undefined) traces = traces.where("prompt_id", "=", query.promptId);
  if (query.environment !== undefined) traces = traces.where("environment", "=", query.environment);
  if (query.sinceMs !== undefined) traces = traces.where("start_time_ms", ">=", query.sinceMs);
  const rows = await db
    .selectFrom("eval_online_scores as score")
    .innerJoin(traces.as("served"), "served.trace_id", "score.trace_id")
    .select([
      "served.prompt_id",
      "served.prompt_hash",
      sql<number>`avg(score.value)`.as("mean"),
      sql<number>`count(*)`.as("count"),
    ])
    .groupBy(["served.prompt_id", "served.prompt_hash"])
    .execute();
  return new Map(
    rows.map((row) => [
      `${row.prompt_id ?? ""}\u0000${row.prompt_hash}`,
      { mean: Number(row.mean), count: Number(row.count) },
    ]),
  );
}
