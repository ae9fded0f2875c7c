import type { Kysely } from "kysely";
import { columnTypes } from "./column-types.js";
import type { Migration, MigrationContext } from "./migration.js";

/**
 * Budget counters and reservations, so a reservation is one conditional update of a few counter rows
 * instead of a sum over every ledger entry of its scopes. `budget_ledger` stays the audit trail.
 */
export const budgetCountersMigration: Migration = {
  version: 4,
  name: "budget-counters",
  async up(db: Kysely<unknown>, context: MigrationContext): Promise<void> {
    const type = columnTypes(context.kind);
    await db.schema
      .createTable("budget_counters")
      .addColumn("scope_kind", type.key, (column) => column.notNull())
      .addColumn("scope_id", type.key, (column) => column.notNull())
      .addColumn("window_key", type.key, (column) => column.notNull())
      // The cap the latest reservation was checked against (config may raise it between calls).
      .addColumn("limit_micros", type.bigint)
      .addColumn("reserved_micros", type.bigint, (column) => column.notNull().defaultTo(0))
      .addColumn("settled_micros", type.bigint, (column) => column.notNull().defaultTo(0))
      .addColumn("updated_at", type.key, (column) => column.notNull())
      .addPrimaryKeyConstraint("budget_counters_pk", ["scope_kind", "scope_id", "window_key"])
      .execute();
    await db.schema
      .createTable("budget_reservations")
      .addColumn("id", type.key, (column) => column.primaryKey())
      .addColumn("run_id", type.key)
      .addColumn("amount_micros", type.bigint, (column) => column.notNull())
      // Null until settled; may exceed amount_micros (a call that cost more than estimated).
      .addColumn("actual_micros", type.bigint)
      // JSON array of the counter keys held, in lock order.
      .addColumn("counters", type.json, (column) => column.notNull())
      .addColumn("status", type.text, (column) => column.notNull())
      // What the hold was for (e.g. the model id), for people reading the ledger.
      .addColumn("label", type.text)
      .addColumn("created_at", type.key, (column) => column.notNull())
      .addColumn("finished_at", type.key)
      .execute();
    await db.schema
      .createIndex("budget_reservations_status")
      .on("budget_reservations")
      .columns(["status", "created_at"])
      .execute();
  },
};
