import type { Insertable, Selectable } from "kysely";
import { isoNow, type JsonValue } from "../../core/index.js";
import type { SpansTable } from "../database.js";
import type { SpanRecord, SpansRepository } from "../span-spec.js";
import { writeTransaction } from "../write-transaction.js";
import { checkMicros, fromJsonText, toJsonText, toNullableNumber } from "./column-values.js";
import type { RepositoryContext } from "./repository-context.js";
import { listTraceSummaries } from "./traces-list-query.js";
import { summariseSpans } from "./traces-summary-delta.js";
import { rebuildTraceSummaries } from "./traces-summary-rebuild.js";
import { upsertTraceSummaries } from "./traces-summary-upsert.js";

// 19 columns x 1000 rows stays under both SQLite's (32766) and Postgres's (65535) parameter limits.
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
    prompt_id: span.promptId ?? null,
    prompt_hash: span.promptHash ?? null,
    environment: span.environment ?? null,
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
    promptId: row.prompt_id,
    promptHash: row.prompt_hash,
    environment: row.environment,
  };
}

/** Spans: OpenTelemetry-shaped rows keyed by (trace id, span id); inserts are idempotent and keep trace summaries current. */
export function createSpansRepository({ db, kind, clock }: RepositoryContext): SpansRepository {
  async function insertMany(spans: readonly SpanRecord[]): Promise<void> {
    if (spans.length === 0) return;
    const rows = spans.map(toRow);
    await writeTransaction(db, kind, async (transaction) => {
      // Traces with a span that was already stored: their delta would count it twice.
      let repeated: Set<string> | undefined;
      for (let start = 0; start < rows.length; start += rowsPerStatement) {
        const chunk = rows.slice(start, start + rowsPerStatement);
        const result = await transaction
          .insertInto("spans")
          .values(chunk)
          .onConflict((conflict) => conflict.columns(["trace_id", "span_id"]).doNothing())
          .executeTakeFirst();
        if (Number(result.numInsertedOrUpdatedRows ?? chunk.length) < chunk.length) {
          repeated ??= new Set();
          for (const row of chunk) repeated.add(row.trace_id);
        }
      }
      const now = isoNow(clock);
      // Usually every span is new and each trace takes one merge of this batch's delta. A re-sent span
      // (an exporter retrying after a timeout) is rare: its traces are recomputed from their stored spans.
      const fresh = repeated === undefined ? spans : spans.filter((span) => !repeated.has(span.traceId));
      await upsertTraceSummaries(transaction, kind, summariseSpans(fresh), now);
      if (repeated !== undefined) await rebuildTraceSummaries(transaction, kind, now, [...repeated].sort());
    });
  }

  return {
    insert: (span) => insertMany([span]),
    insertMany,

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
      const page = await listTraceSummaries(db, kind, {
        projectId: options.projectId,
        agent: options.agent,
        sessionId: options.sessionId,
        until: options.beforeStartTimeMs,
        limit: options.limit,
      });
      return page.items;
    },
  };
}
