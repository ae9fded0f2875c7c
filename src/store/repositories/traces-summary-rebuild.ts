import type { Kysely } from "kysely";
import type { JsonValue } from "../../core/index.js";
import type { Database } from "../database.js";
import type { StoreKind } from "../store-spec.js";
import { fromJsonText } from "./column-values.js";
import { summariseSpans } from "./traces-summary-delta.js";
import { upsertTraceSummaries } from "./traces-summary-upsert.js";

// Spans read per step: bounded memory whatever the table holds.
const spansPerStep = 5000;
// Trace ids per `in (…)` list.
const tracesPerStep = 500;

/**
 * Recomputes summaries from the stored spans: of every trace (`traceIds` omitted: the migration's
 * backfill) or of the listed ones (their rows are replaced). Runs the insert path's own reduction and
 * merge, so a rebuilt summary is exactly what inserting those spans would have produced.
 */
export async function rebuildTraceSummaries(
  db: Kysely<Database>,
  kind: StoreKind,
  updatedAt: string,
  traceIds?: readonly string[],
): Promise<void> {
  if (traceIds === undefined) return rebuildRange(db, kind, updatedAt, undefined);
  for (let start = 0; start < traceIds.length; start += tracesPerStep) {
    const some = traceIds.slice(start, start + tracesPerStep);
    await db.deleteFrom("trace_summaries").where("trace_id", "in", some).execute();
    await rebuildRange(db, kind, updatedAt, some);
  }
}

async function rebuildRange(
  db: Kysely<Database>,
  kind: StoreKind,
  updatedAt: string,
  traceIds: readonly string[] | undefined,
): Promise<void> {
  let after: { traceId: string; spanId: string } | undefined;
  for (;;) {
    let query = db
      .selectFrom("spans")
      .select([
        "trace_id",
        "span_id",
        "parent_span_id",
        "name",
        "start_time_ms",
        "end_time_ms",
        "status_code",
        "status_message",
        "attributes",
        "project_id",
        "agent",
        "model",
        "session_id",
        "cost_micros",
      ])
      .orderBy("trace_id")
      .orderBy("span_id")
      .limit(spansPerStep);
    if (traceIds !== undefined) query = query.where("trace_id", "in", traceIds);
    if (after !== undefined) {
      const { traceId, spanId } = after;
      query = query.where((where) =>
        where.or([
          where("trace_id", ">", traceId),
          where.and([where("trace_id", "=", traceId), where("span_id", ">", spanId)]),
        ]),
      );
    }
    const rows = await query.execute();
    if (rows.length === 0) return;
    const spans = rows.map((row) => ({
      traceId: row.trace_id,
      spanId: row.span_id,
      parentSpanId: row.parent_span_id,
      name: row.name,
      startTimeMs: Number(row.start_time_ms),
      endTimeMs: row.end_time_ms === null ? null : Number(row.end_time_ms),
      statusCode: row.status_code,
      statusMessage: row.status_message,
      attributes: fromJsonText<Record<string, JsonValue>>(row.attributes),
      projectId: row.project_id,
      agent: row.agent,
      model: row.model,
      sessionId: row.session_id,
      costMicros: row.cost_micros === null ? null : Number(row.cost_micros),
    }));
    await upsertTraceSummaries(db, kind, summariseSpans(spans), updatedAt);
    const last = rows.at(-1)!;
    after = { traceId: last.trace_id, spanId: last.span_id };
  }
}
