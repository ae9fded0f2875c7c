import type { Kysely } from "kysely";
import { columnTypes } from "./column-types.js";
import type { Migration, MigrationContext } from "./migration.js";

// Backfill pages: the audit log may be long, and each entry's details must be parsed in JS.
const backfillPageSize = 1000;

/**
 * Approvals (one row per tool call held for a person's decision) and a `run_id` column on the audit
 * log, so `gantry audit replay <runId>` reads one run's entries through an index instead of parsing
 * every entry's details.
 */
export const approvalsMigration: Migration = {
  version: 5,
  name: "approvals",
  async up(db: Kysely<unknown>, context: MigrationContext): Promise<void> {
    const type = columnTypes(context.kind);
    await db.schema
      .createTable("approvals")
      .addColumn("id", type.key, (column) => column.primaryKey())
      // No foreign keys: an approval, like the audit trail, must outlive the run and project it names.
      .addColumn("project_id", type.key, (column) => column.notNull())
      .addColumn("run_id", type.key, (column) => column.notNull())
      .addColumn("tool_call_id", type.key, (column) => column.notNull())
      .addColumn("tool", type.text, (column) => column.notNull())
      .addColumn("agent", type.text, (column) => column.notNull())
      .addColumn("args_digest", type.text, (column) => column.notNull())
      .addColumn("args", type.json, (column) => column.notNull())
      .addColumn("reason", type.text, (column) => column.notNull())
      .addColumn("status", type.text, (column) => column.notNull())
      .addColumn("requested_at", type.key, (column) => column.notNull())
      .addColumn("decided_at", type.key)
      .addColumn("approver", type.text)
      .addColumn("note", type.text)
      .addColumn("signature", type.text)
      .execute();
    // One approval per call: a repeated request (a retried step) finds the first one.
    await db.schema
      .createIndex("approvals_call")
      .on("approvals")
      .columns(["run_id", "tool_call_id"])
      .unique()
      .execute();
    await db.schema.createIndex("approvals_status_id").on("approvals").columns(["status", "id"]).execute();

    await db.schema.alterTable("audit_log").addColumn("run_id", type.key).execute();
    await db.schema.createIndex("audit_log_run").on("audit_log").columns(["run_id", "sequence"]).execute();
    await backfillAuditRunIds(db as Kysely<AuditRows>);
  },
};

interface AuditRows {
  audit_log: { sequence: number; details: string; run_id: string | null };
}

// The column mirrors `details.runId` (when a string), the rule the repository applies on append and
// verify() checks, so entries written before this migration are found by replay too.
async function backfillAuditRunIds(db: Kysely<AuditRows>): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit_log")
      .select(["sequence", "details"])
      .where("sequence", ">", after)
      .orderBy("sequence")
      .limit(backfillPageSize)
      .execute();
    for (const row of rows) {
      const runId = (JSON.parse(row.details) as { runId?: unknown } | null)?.runId;
      if (typeof runId === "string") {
        await db
          .updateTable("audit_log")
          .set({ run_id: runId })
          .where("sequence", "=", row.sequence)
          .execute();
      }
    }
    if (rows.length < backfillPageSize) return;
    after = Number(rows.at(-1)!.sequence);
  }
}
