import { type Kysely, type Selectable, sql } from "kysely";
import { isoNow, newId } from "../../core/index.js";
import type { Database, EvalOnlineScoresTable } from "../database.js";
import type { EvalsRepository, OnlineScoreStats, OnlineStatsTime, StoredOnlineScore } from "../eval-spec.js";
import { invalidInput } from "../store-errors.js";
import { checkMicros, pageLimit } from "./column-values.js";
import { defaultProjectId } from "./projects-repository.js";
import type { RepositoryContext } from "./repository-context.js";

// Scores online rules gave production traces, their per-rule statistics over trace time, and each
// rule's scan cursor. Statistics are aggregated in SQL over the (project, rule, trace start) index.

function toRecord(row: Selectable<EvalOnlineScoresTable>): StoredOnlineScore {
  return {
    id: row.id,
    projectId: row.project_id,
    rule: row.rule,
    scorer: row.scorer,
    traceId: row.trace_id,
    value: Number(row.value),
    passed: Number(row.passed) === 1,
    reason: row.reason,
    costMicros: Number(row.cost_micros),
    traceStartMs: Number(row.trace_start_ms),
    createdAt: row.created_at,
  };
}

function checkTime(value: number, field: string): number {
  if (!Number.isFinite(value))
    throw invalidInput(field, `must be a finite number of epoch milliseconds, got ${value}`);
  return value;
}

function toStats(row: {
  count: number;
  mean: number | null;
  cost_micros: number;
  max_cost_micros: number;
}): OnlineScoreStats {
  const count = Number(row.count);
  return {
    count,
    mean: count === 0 || row.mean === null ? null : Number(row.mean),
    costMicros: Number(row.cost_micros),
    maxCostMicros: Number(row.max_cost_micros),
  };
}

type OnlinePart = Pick<
  EvalsRepository,
  | "insertOnlineScore"
  | "listOnlineScores"
  | "onlineScoreStats"
  | "onlineScoreStatsByScorer"
  | "getOnlineCursor"
  | "setOnlineCursor"
>;

interface StatsRange {
  projectId?: string;
  rule: string;
  fromMs: number;
  toMs: number;
  by?: OnlineStatsTime;
}

/** Count, mean and summed cost of a rule's scores in a range of trace start or of scoring time. */
function statsQuery(db: Kysely<Database>, range: StatsRange) {
  const fromMs = checkTime(range.fromMs, "fromMs");
  const toMs = checkTime(range.toMs, "toMs");
  const by = range.by ?? "trace-start";
  if (by !== "trace-start" && by !== "scored-at") {
    throw invalidInput("by", `must be trace-start or scored-at, got "${by}"`);
  }
  const query = db
    .selectFrom("eval_online_scores")
    .select([
      sql<number>`count(*)`.as("count"),
      sql<number | null>`avg(value)`.as("mean"),
      // sum(bigint) is numeric on Postgres; the cast keeps it an exact int8 (a number through our parser).
      sql<number>`cast(coalesce(sum(cost_micros), 0) as bigint)`.as("cost_micros"),
      sql<number>`coalesce(max(cost_micros), 0)`.as("max_cost_micros"),
    ])
    .where("project_id", "=", range.projectId ?? defaultProjectId)
    .where("rule", "=", range.rule);
  if (by === "trace-start") {
    return query.where("trace_start_ms", ">=", fromMs).where("trace_start_ms", "<", toMs);
  }
  // Scoring times are ISO text, compared byte-wise like every timestamp in the store.
  return query
    .where("created_at", ">=", new Date(fromMs).toISOString())
    .where("created_at", "<", new Date(toMs).toISOString());
}

/** Online scores over `eval_online_scores`, cursors over `eval_online_cursors` (migration 007). */
export function createEvalOnlineScores({ db, clock }: RepositoryContext): OnlinePart {
  return {
    async insertOnlineScore(score) {
      if (!(Number.isFinite(score.value) && score.value >= 0 && score.value <= 1)) {
        throw invalidInput("value", `must be a number from 0 to 1, got ${score.value}`);
      }
      const row: Selectable<EvalOnlineScoresTable> = {
        id: newId("eos", clock),
        project_id: score.projectId ?? defaultProjectId,
        rule: score.rule,
        scorer: score.scorer,
        trace_id: score.traceId,
        value: score.value,
        passed: score.passed ? 1 : 0,
        reason: score.reason,
        cost_micros: checkMicros(score.costMicros, "costMicros"),
        trace_start_ms: checkTime(score.traceStartMs, "traceStartMs"),
        created_at: isoNow(clock),
      };
      await db.insertInto("eval_online_scores").values(row).execute();
      return toRecord(row);
    },

    async listOnlineScores(options = {}) {
      const limit = pageLimit(options.limit, 100, 1000);
      let query = db.selectFrom("eval_online_scores").selectAll();
      if (options.projectId !== undefined) query = query.where("project_id", "=", options.projectId);
      if (options.rule !== undefined) query = query.where("rule", "=", options.rule);
      if (options.traceId !== undefined) query = query.where("trace_id", "=", options.traceId);
      if (options.sinceMs !== undefined) {
        query = query.where("trace_start_ms", ">=", checkTime(options.sinceMs, "sinceMs"));
      }
      const rows = await query.orderBy("trace_start_ms", "desc").orderBy("id", "desc").limit(limit).execute();
      return rows.map(toRecord);
    },

    async onlineScoreStats(options) {
      let query = statsQuery(db, options);
      if (options.scorer !== undefined) query = query.where("scorer", "=", options.scorer);
      return toStats(await query.executeTakeFirstOrThrow());
    },

    async onlineScoreStatsByScorer(options) {
      const rows = await statsQuery(db, options)
        .select("scorer")
        .groupBy("scorer")
        .orderBy("scorer")
        .execute();
      return Object.fromEntries(rows.map((row) => [row.scorer, toStats(row)]));
    },

    async getOnlineCursor(rule, projectId = defaultProjectId) {
      const row = await db
        .selectFrom("eval_online_cursors")
        .select("position_ms")
        .where("project_id", "=", projectId)
        .where("rule", "=", rule)
        .executeTakeFirst();
      return row === undefined ? 0 : Number(row.position_ms);
    },

    async setOnlineCursor(rule, positionMs, projectId = defaultProjectId) {
      const row = {
        project_id: projectId,
        rule,
        position_ms: checkTime(positionMs, "positionMs"),
        updated_at: isoNow(clock),
      };
      await db
        .insertInto("eval_online_cursors")
        .values(row)
        .onConflict((conflict) =>
          conflict
            .columns(["project_id", "rule"])
            .doUpdateSet({ position_ms: row.position_ms, updated_at: row.updated_at }),
        )
        .execute();
    },
  };
}
