import type { Kysely } from "kysely";
import type { Database } from "../database.js";
import { rebuildTraceSummaries } from "../repositories/traces-summary-rebuild.js";
import { columnTypes } from "./column-types.js";
import type { Migration, MigrationContext } from "./migration.js";

/**
 * Per-trace summaries, so trace listings read one indexed row per trace instead of grouping spans.
 * The backfill runs the insert path's own reduction and merge over the spans already stored.
 */
export const traceSummariesMigration: Migration = {
  version: 3,
  name: "trace-summaries",
  async up(db: Kysely<unknown>, context: MigrationContext): Promise<void> {
    const type = columnTypes(context.kind);
    await db.schema
      .createTable("trace_summaries")
      .addColumn("trace_id", type.key, (column) => column.primaryKey())
      .addColumn("project_id", type.key)
      .addColumn("root_span_id", type.key, (column) => column.notNull())
      .addColumn("root_name", type.text, (column) => column.notNull())
      // Bookkeeping for merging batches that arrive out of order: how root-like the root is, when
      // the root, the agent's first span and the first error started.
      .addColumn("root_start_ms", type.double, (column) => column.notNull())
      .addColumn("root_rank", type.integer, (column) => column.notNull())
      .addColumn("agent", type.text)
      .addColumn("agent_start_ms", type.double)
      .addColumn("session_id", type.key)
      .addColumn("models", type.json, (column) => column.notNull())
      .addColumn("start_time_ms", type.double, (column) => column.notNull())
      .addColumn("end_time_ms", type.double)
      .addColumn("duration_ms", type.double)
      .addColumn("span_count", type.integer, (column) => column.notNull())
      .addColumn("error_count", type.integer, (column) => column.notNull())
      // Null when no span had a cost: unknown, never 0.
      .addColumn("cost_micros", type.bigint)
      .addColumn("input_tokens", type.bigint, (column) => column.notNull())
      .addColumn("output_tokens", type.bigint, (column) => column.notNull())
      .addColumn("cache_read_tokens", type.bigint, (column) => column.notNull())
      .addColumn("status", type.text, (column) => column.notNull())
      .addColumn("error_message", type.text)
      .addColumn("error_start_ms", type.double)
      .addColumn("updated_at", type.key, (column) => column.notNull())
      .execute();
    // Listings order by start time descending (both databases scan these backwards) with trace id as
    // the tie-break, so each filter's index also delivers the order and the cursor's seek.
    const indexes: [string, string[]][] = [
      ["trace_summaries_start", []],
      ["trace_summaries_agent", ["agent"]],
      ["trace_summaries_session", ["session_id"]],
      ["trace_summaries_status", ["status"]],
      ["trace_summaries_project", ["project_id"]],
    ];
    for (const [name, leading] of indexes) {
      await db.schema
        .createIndex(name)
        .on("trace_summaries")
        .columns([...leading, "start_time_ms", "trace_id"])
        .execute();
    }
    await rebuildTraceSummaries(db as unknown as Kysely<Database>, context.kind, context.now);
  },
};
