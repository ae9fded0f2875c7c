import { type Insertable, type Selectable, sql } from "kysely";
import type { JsonValue } from "../../core/index.js";
import type { SpansTable } from "../database.js";
import type { SpanRecord, SpansRepository, TraceSummary } from "../span-spec.js";
import { writeTransaction } from "../write-transaction.js";
import { checkMicros, fromJsonText, pageLimit, toJsonText, toNullableNumber } from "./column-values.js";
import type { RepositoryContext } from "./repository-context.js";

// 16 columns x 1000 rows stays under both SQLite's (32766) and Postgres's (65535) parameter limits.
const rowsPerStatement = 1000;

function toRow(span: SpanRecord): Insertable<SpansTable> {
  return {
    trace_id: span.traceId,
    span_id: span.spanId,
    parent_span_id: span.parentSpanId,
    name: span.name,
    kind: span.kind,
    start_time_ms: span.startTimeMs,
    end_time_ms: span.endTimeMs,
    status_code: span.statusCode,
    status_message: span.statusMessage,
    attributes: toJsonText(span.attributes),
    events: toJsonText(span.events),
    project_id: span.projectId,
    agent: span.agent,
    model: span.model,
    session_id: span.sessionId,
    cost_micros: span.costMicros === null ? null : checkMicros(span.costMicros, "costMicros"),
  };
}

function toRecord(row: Selectable<SpansTable>): SpanRecord {
  return {
    traceId: row.trace_id,
    spanId: row.span_id,
    parentSpanId: row.parent_span_id,
    name: row.name,
    kind: row.kind,
    startTimeMs: Number(row.start_time_ms),
    endTimeMs: toNullableNumber(row.end_time_ms),
    statusCode: row.status_code,
    statusMessage: row.status_message,
    attributes: fromJsonText<Record<string, JsonValue>>(row.attributes),
    events: fromJsonText<JsonValue[]>(row.events),
    projectId: row.project_id,
    agent: row.agent,
    model: row.model,
    sessionId: row.session_id,
    costMicros: toNullableNumber(row.cost_micros),
  };
}

/** Spans: OpenTelemetry-shaped rows keyed by (trace id, span id); inserts are idempotent. */
export function createSpansRepository({ db, kind }: RepositoryContext): SpansRepository {
  return {
    async insert(span) {
      await db
        .insertInto("spans")
        .values(toRow(span))
        .onConflict((conflict) => conflict.columns(["trace_id", "span_id"]).doNothing())
        .execute();
    },

    async insertMany(spans) {
      if (spans.length === 0) return;
      const rows = spans.map(toRow);
      await writeTransaction(db, kind, async (transaction) => {
        for (let start = 0; start < rows.length; start += rowsPerStatement) {
          await transaction
            .insertInto("spans")
            .values(rows.slice(start, start + rowsPerStatement))
            .onConflict((conflict) => conflict.columns(["trace_id", "span_id"]).doNothing())
            .execute();
        }
      });
    },

    async getTrace(traceId) {
      const rows = await db
        .selectFrom("spans")
        .selectAll()
        .where("trace_id", "=", traceId)
        .orderBy("start_time_ms")
        .orderBy("span_id")
        .execute();
      return rows.map(toRecord);
    },

    async listRecentTraces(options = {}) {
      const limit = pageLimit(options.limit, 50, 500);
      let query = db
        .selectFrom("spans")
        .select((select) => [
          "trace_id",
          select.fn.min("start_time_ms").as("trace_start"),
          select.fn.max("end_time_ms").as("trace_end"),
          select.fn.countAll<number>().as("span_count"),
          sql<number>`sum(case when status_code = 'error' then 1 else 0 end)`.as("error_count"),
          // sum(bigint) is numeric on Postgres; the cast keeps it an int8 so it arrives as a number.
          sql<number | null>`cast(sum(cost_micros) as bigint)`.as("cost_micros"),
          select.fn.max("project_id").as("project_id"),
          select.fn.max("agent").as("agent"),
          select.fn.max("session_id").as("session_id"),
        ])
        .groupBy("trace_id");
      // Filters pick whole traces: a trace matches when any of its spans matches.
      const filters = [
        ["project_id", options.projectId],
        ["agent", options.agent],
        ["session_id", options.sessionId],
      ] as const;
      for (const [column, value] of filters) {
        if (value === undefined) continue;
        query = query.where(
          "trace_id",
          "in",
          db.selectFrom("spans").select("trace_id").where(column, "=", value),
        );
      }
      if (options.beforeStartTimeMs !== undefined) {
        query = query.having((having) => having.fn.min("start_time_ms"), "<", options.beforeStartTimeMs);
      }
      const rows = await query
        .orderBy("trace_start", "desc")
        .orderBy("trace_id", "desc")
        .limit(limit)
        .execute();
      if (rows.length === 0) return [];

      const roots = await db
        .selectFrom("spans")
        .select(["trace_id", "name"])
        .where(
          "trace_id",
          "in",
          rows.map((row) => row.trace_id),
        )
        .where("parent_span_id", "is", null)
        .orderBy("start_time_ms")
        .execute();
      const rootNames = new Map<string, string>();
      for (const root of roots) if (!rootNames.has(root.trace_id)) rootNames.set(root.trace_id, root.name);

      return rows.map(
        (row): TraceSummary => ({
          traceId: row.trace_id,
          rootName: rootNames.get(row.trace_id) ?? null,
          startTimeMs: Number(row.trace_start),
          endTimeMs: toNullableNumber(row.trace_end),
          spanCount: Number(row.span_count),
          errorCount: Number(row.error_count),
          costMicros: toNullableNumber(row.cost_micros),
          projectId: row.project_id,
          agent: row.agent,
          sessionId: row.session_id,
        }),
      );
    },
  };
}
