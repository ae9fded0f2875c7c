import { type Kysely, sql } from "kysely";
import { columnTypes } from "./column-types.js";
import type { Migration, MigrationContext } from "./migration.js";

/** The first schema: projects, API keys, runs, spans, the audit chain and the budget ledger. */
export const initialMigration: Migration = {
  version: 1,
  name: "initial",
  async up(db: Kysely<unknown>, context: MigrationContext): Promise<void> {
    const type = columnTypes(context.kind);

    await db.schema
      .createTable("projects")
      .addColumn("id", type.key, (column) => column.primaryKey())
      .addColumn("name", type.text, (column) => column.notNull())
      .addColumn("created_at", type.key, (column) => column.notNull())
      .execute();
    // Every workspace starts with this project; runs and keys default to it.
    await sql`insert into projects (id, name, created_at) values (${"default"}, ${"Default"}, ${context.now})`.execute(
      db,
    );

    await db.schema
      .createTable("api_keys")
      .addColumn("id", type.key, (column) => column.primaryKey())
      .addColumn("project_id", type.key, (column) => column.notNull().references("projects.id"))
      .addColumn("name", type.text, (column) => column.notNull())
      .addColumn("prefix", type.key, (column) => column.notNull())
      .addColumn("secret_hash", type.text, (column) => column.notNull().unique())
      .addColumn("scopes", type.json, (column) => column.notNull())
      .addColumn("created_at", type.key, (column) => column.notNull())
      .addColumn("last_used_at", type.key)
      .addColumn("revoked_at", type.key)
      .addColumn("expires_at", type.key)
      .execute();
    await db.schema.createIndex("api_keys_prefix").on("api_keys").column("prefix").execute();
    await db.schema.createIndex("api_keys_project").on("api_keys").column("project_id").execute();

    await db.schema
      .createTable("runs")
      .addColumn("id", type.key, (column) => column.primaryKey())
      .addColumn("project_id", type.key, (column) => column.notNull().references("projects.id"))
      .addColumn("agent", type.text, (column) => column.notNull())
      .addColumn("agent_version", type.text)
      .addColumn("status", type.text, (column) => column.notNull())
      .addColumn("input", type.json, (column) => column.notNull())
      .addColumn("output", type.json)
      .addColumn("state", type.json)
      .addColumn("schema_version", type.integer, (column) => column.notNull())
      // No foreign key: a child run may be recorded before (or without) its parent, e.g. remote subagents.
      .addColumn("parent_run_id", type.key)
      .addColumn("session_id", type.key)
      .addColumn("trace_id", type.key)
      .addColumn("cost_micros", type.bigint, (column) => column.notNull().defaultTo(0))
      .addColumn("error", type.json)
      .addColumn("created_at", type.key, (column) => column.notNull())
      .addColumn("updated_at", type.key, (column) => column.notNull())
      .execute();
    // Listings filter on one of these and page by id descending.
    await db.schema.createIndex("runs_project_id").on("runs").columns(["project_id", "id"]).execute();
    await db.schema.createIndex("runs_agent_id").on("runs").columns(["agent", "id"]).execute();
    await db.schema.createIndex("runs_status_id").on("runs").columns(["status", "id"]).execute();
    await db.schema.createIndex("runs_session").on("runs").column("session_id").execute();
    await db.schema.createIndex("runs_parent").on("runs").column("parent_run_id").execute();

    await db.schema
      .createTable("spans")
      .addColumn("trace_id", type.key, (column) => column.notNull())
      .addColumn("span_id", type.key, (column) => column.notNull())
      .addColumn("parent_span_id", type.key)
      .addColumn("name", type.text, (column) => column.notNull())
      .addColumn("kind", type.text, (column) => column.notNull())
      .addColumn("start_time_ms", type.double, (column) => column.notNull())
      .addColumn("end_time_ms", type.double)
      .addColumn("status_code", type.text, (column) => column.notNull())
      .addColumn("status_message", type.text)
      .addColumn("attributes", type.json, (column) => column.notNull())
      .addColumn("events", type.json, (column) => column.notNull())
      // No foreign key: spans arrive over OTLP from anywhere and must never be rejected for bookkeeping.
      .addColumn("project_id", type.key)
      .addColumn("agent", type.text)
      .addColumn("model", type.text)
      .addColumn("session_id", type.key)
      .addColumn("cost_micros", type.bigint)
      .addPrimaryKeyConstraint("spans_primary_key", ["trace_id", "span_id"])
      .execute();
    await db.schema.createIndex("spans_start_time").on("spans").column("start_time_ms").execute();
    await db.schema.createIndex("spans_session").on("spans").column("session_id").execute();
    await db.schema.createIndex("spans_agent").on("spans").column("agent").execute();
    await db.schema.createIndex("spans_model").on("spans").column("model").execute();

    await db.schema
      .createTable("audit_log")
      .addColumn("sequence", type.bigint, (column) => column.primaryKey())
      .addColumn("id", type.key, (column) => column.notNull().unique())
      .addColumn("time", type.key, (column) => column.notNull())
      // No foreign key: the audit trail must outlive whatever it mentions.
      .addColumn("project_id", type.key, (column) => column.notNull())
      .addColumn("principal", type.json, (column) => column.notNull())
      .addColumn("action", type.text, (column) => column.notNull())
      .addColumn("resource", type.text, (column) => column.notNull())
      .addColumn("decision", type.text, (column) => column.notNull())
      .addColumn("reason", type.text)
      .addColumn("details", type.json, (column) => column.notNull())
      .addColumn("previous_hash", type.text, (column) => column.notNull())
      .addColumn("hash", type.text, (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex("audit_log_project")
      .on("audit_log")
      .columns(["project_id", "sequence"])
      .execute();

    await db.schema
      .createTable("budget_ledger")
      .addColumn("id", type.key, (column) => column.primaryKey())
      .addColumn("scope_kind", type.text, (column) => column.notNull())
      .addColumn("scope_id", type.key, (column) => column.notNull())
      .addColumn("window_key", type.key, (column) => column.notNull())
      .addColumn("kind", type.text, (column) => column.notNull())
      .addColumn("amount_micros", type.bigint, (column) => column.notNull())
      .addColumn("reservation_id", type.key)
      .addColumn("run_id", type.key)
      .addColumn("created_at", type.key, (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex("budget_ledger_scope")
      .on("budget_ledger")
      .columns(["scope_kind", "scope_id", "window_key"])
      .execute();
    await db.schema
      .createIndex("budget_ledger_reservation")
      .on("budget_ledger")
      .column("reservation_id")
      .execute();
  },
};
