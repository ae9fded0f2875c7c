import { type Kysely, sql } from "kysely";
import type { JsonValue } from "../../core/index.js";
import type { Database } from "../database.js";
import type { SessionSummary, TracesRepository } from "../trace-spec.js";
import { sessionTraceLimit } from "../trace-spec.js";
import { writeTransaction } from "../write-transaction.js";
import { fromJsonText, pageLimit, toNullableNumber } from "./column-values.js";
import type { RepositoryContext } from "./repository-context.js";
import { rollupByAgent } from "./traces-agent-rollup.js";
import { decodeCursor, encodeCursor } from "./traces-cursor.js";
import { listTraceSummaries, toTraceSummary } from "./traces-list-query.js";

// Traces deleted per retention transaction: short write locks, so span inserts keep flowing meanwhile.
const retentionChunk = 500;

interface SessionRow {
  session_id: string | null;
  trace_count: number | string;
  first_start: number | string;
  last_start: number | string;
  cost_micros: number | string | null;
  input_tokens: number | string | null;
  output_tokens: number | string | null;
}

// The session aggregates over trace_summaries; sums are cast back to bigint so Postgres returns int8.
function sessionAggregates(db: Kysely<Database>) {
  return db
    .selectFrom("trace_summaries")
    .select([
      "session_id",
      sql<number>`count(*)`.as("trace_count"),
      sql<number>`min(start_time_ms)`.as("first_start"),
      sql<number>`max(start_time_ms)`.as("last_start"),
      sql<number | null>`cast(sum(cost_micros) as bigint)`.as("cost_micros"),
      sql<number>`cast(sum(input_tokens) as bigint)`.as("input_tokens"),
      sql<number>`cast(sum(output_tokens) as bigint)`.as("output_tokens"),
    ])
    .groupBy("session_id");
}

function toSession(row: SessionRow, agents: string[]): SessionSummary {
  return {
    sessionId: row.session_id ?? "",
    traceCount: Number(row.trace_count),
    firstStartTimeMs: Number(row.first_start),
    lastStartTimeMs: Number(row.last_start),
    costMicros: toNullableNumber(row.cost_micros),
    inputTokens: Number(row.input_tokens ?? 0),
    outputTokens: Number(row.output_tokens ?? 0),
    agents,
  };
}

async function sessionAgents(db: Kysely<Database>, sessionIds: string[]): Promise<Map<string, string[]>> {
  const agents = new Map<string, string[]>(sessionIds.map((id) => [id, []]));
  if (sessionIds.length === 0) return agents;
  const rows = await db
    .selectFrom("trace_summaries")
    .select(["session_id", "agent"])
    .distinct()
    .where("session_id", "in", sessionIds)
    .where("agent", "is not", null)
    .orderBy("agent")
    .execute();
  for (const row of rows) agents.get(row.session_id!)?.push(row.agent!);
  return agents;
}

/** Trace summaries, sessions, per-agent rollups and retention over `trace_summaries` and `spans`. */
export function createTracesRepository({ db, kind }: RepositoryContext): TracesRepository {
  return {
    listTraces: (query = {}) => listTraceSummaries(db, kind, query),

    async getTraceSummary(traceId) {
      const row = await db
        .selectFrom("trace_summaries")
        .selectAll()
        .where("trace_id", "=", traceId)
        .executeTakeFirst();
      return row === undefined ? undefined : toTraceSummary(row);
    },

    async listSessions(query = {}) {
      const limit = pageLimit(query.limit, 50, 500);
      let select = sessionAggregates(db).where("session_id", "is not", null);
      if (query.projectId !== undefined) select = select.where("project_id", "=", query.projectId);
      if (query.cursor) {
        const after = decodeCursor(query.cursor);
        select = select.having(
          sql<boolean>`(max(start_time_ms), session_id) < (${after.timeMs}, ${after.id})`,
        );
      }
      const rows = await select
        .orderBy(sql`max(start_time_ms)`, "desc")
        .orderBy("session_id", "desc")
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const agents = await sessionAgents(
        db,
        page.map((row) => row.session_id!),
      );
      const items = page.map((row) => toSession(row, agents.get(row.session_id!) ?? []));
      const last = items.at(-1);
      return {
        items,
        nextCursor: rows.length > limit && last ? encodeCursor(last.lastStartTimeMs, last.sessionId) : null,
      };
    },

    async getSession(sessionId) {
      const row = await sessionAggregates(db).where("session_id", "=", sessionId).executeTakeFirst();
      if (row === undefined) return undefined;
      const [agents, traces] = await Promise.all([
        sessionAgents(db, [sessionId]),
        db
          .selectFrom("trace_summaries")
          .selectAll()
          .where("session_id", "=", sessionId)
          .orderBy("start_time_ms")
          .orderBy("trace_id")
          .limit(sessionTraceLimit)
          .execute(),
      ]);
      return {
        session: toSession(row, agents.get(sessionId) ?? []),
        traces: traces.map(toTraceSummary),
      };
    },

    async agentRollup(traceId) {
      const rows = await db
        .selectFrom("spans")
        .select(["agent", "cost_micros", "attributes"])
        .where("trace_id", "=", traceId)
        .execute();
      return rollupByAgent(
        rows.map((row) => ({
          agent: row.agent,
          costMicros: toNullableNumber(row.cost_micros),
          attributes: fromJsonText<Record<string, JsonValue>>(row.attributes),
        })),
      );
    },

    async deleteOlderThan(timeMs) {
      const removed = { traces: 0, spans: 0 };
      for (;;) {
        // A trace goes once its last activity is old: a long run that started before the cutoff but
        // is still writing spans stays whole. start <= end, so the start bound can use the index.
        const chunk = await db
          .selectFrom("trace_summaries")
          .select("trace_id")
          .where("start_time_ms", "<", timeMs)
          .where(sql<boolean>`coalesce(end_time_ms, start_time_ms) < ${timeMs}`)
          .limit(retentionChunk)
          .execute();
        if (chunk.length === 0) return removed;
        const traceIds = chunk.map((row) => row.trace_id);
        await writeTransaction(db, kind, async (transaction) => {
          const spans = await transaction
            .deleteFrom("spans")
            .where("trace_id", "in", traceIds)
            .executeTakeFirst();
          const traces = await transaction
            .deleteFrom("trace_summaries")
            .where("trace_id", "in", traceIds)
            .executeTakeFirst();
          removed.spans += Number(spans.numDeletedRows);
          removed.traces += Number(traces.numDeletedRows);
        });
      }
    },
  };
}
