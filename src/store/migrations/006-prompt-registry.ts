import { type Kysely, type RawBuilder, sql } from "kysely";
import type { StoreKind } from "../store-spec.js";
import { columnTypes } from "./column-types.js";
import type { Migration, MigrationContext } from "./migration.js";

// Attribute keys and the operation name, copied from telemetry's conventions module (the store sits
// below telemetry and may not import it).
const keys = {
  operationName: "gen_ai.operation.name",
  promptId: "gantry.prompt.id",
  promptHash: "gantry.prompt.hash",
  environment: "deployment.environment.name",
  resourceEnvironment: "otel.resource.deployment.environment.name",
} as const;

/**
 * The prompt registry (immutable versions, movable labels and their history, consumer contracts),
 * alerts, and three span columns (prompt id, prompt hash, environment) so per-version usage and the
 * drift check read an index instead of every span's attributes.
 */
export const promptRegistryMigration: Migration = {
  version: 6,
  name: "prompt-registry",
  async up(db: Kysely<unknown>, context: MigrationContext): Promise<void> {
    const type = columnTypes(context.kind);
    await db.schema
      .createTable("prompt_versions")
      // No foreign keys, like approvals: a registry entry outlives the project row it names.
      .addColumn("project_id", type.key, (column) => column.notNull())
      .addColumn("prompt_id", type.key, (column) => column.notNull())
      .addColumn("version", type.key, (column) => column.notNull())
      .addColumn("hash", type.key, (column) => column.notNull())
      .addColumn("source", type.text, (column) => column.notNull())
      .addColumn("front_matter", type.json, (column) => column.notNull())
      .addColumn("message", type.text)
      .addColumn("author", type.text)
      .addColumn("created_at", type.key, (column) => column.notNull())
      .addPrimaryKeyConstraint("prompt_versions_pk", ["project_id", "prompt_id", "version"])
      .execute();

    await db.schema
      .createTable("prompt_labels")
      .addColumn("project_id", type.key, (column) => column.notNull())
      .addColumn("prompt_id", type.key, (column) => column.notNull())
      .addColumn("label", type.key, (column) => column.notNull())
      .addColumn("version", type.key, (column) => column.notNull())
      .addColumn("hash", type.key, (column) => column.notNull())
      .addColumn("updated_at", type.key, (column) => column.notNull())
      .addColumn("updated_by", type.text)
      .addPrimaryKeyConstraint("prompt_labels_pk", ["project_id", "prompt_id", "label"])
      .execute();

    await db.schema
      .createTable("prompt_label_events")
      // SQLite's AUTOINCREMENT never reuses a number, so sequences only grow, as on Postgres.
      .addColumn("sequence", context.kind === "postgres" ? "bigserial" : "integer", (column) =>
        context.kind === "postgres" ? column.primaryKey() : column.primaryKey().autoIncrement(),
      )
      .addColumn("project_id", type.key, (column) => column.notNull())
      .addColumn("prompt_id", type.key, (column) => column.notNull())
      .addColumn("label", type.key, (column) => column.notNull())
      .addColumn("from_version", type.key)
      .addColumn("to_version", type.key, (column) => column.notNull())
      .addColumn("to_hash", type.key, (column) => column.notNull())
      .addColumn("kind", type.text, (column) => column.notNull())
      .addColumn("actor", type.text)
      .addColumn("details", type.json, (column) => column.notNull())
      .addColumn("at", type.key, (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex("prompt_label_events_label")
      .on("prompt_label_events")
      .columns(["project_id", "prompt_id", "label", "sequence"])
      .execute();

    await db.schema
      .createTable("prompt_consumers")
      .addColumn("project_id", type.key, (column) => column.notNull())
      .addColumn("prompt_id", type.key, (column) => column.notNull())
      .addColumn("consumer", type.key, (column) => column.notNull())
      .addColumn("contract", type.json, (column) => column.notNull())
      .addColumn("updated_at", type.key, (column) => column.notNull())
      .addPrimaryKeyConstraint("prompt_consumers_pk", ["project_id", "prompt_id", "consumer"])
      .execute();

    await db.schema
      .createTable("alerts")
      .addColumn("id", type.key, (column) => column.primaryKey())
      .addColumn("project_id", type.key, (column) => column.notNull())
      .addColumn("kind", type.key, (column) => column.notNull())
      .addColumn("key", type.key, (column) => column.notNull())
      .addColumn("severity", type.text, (column) => column.notNull())
      .addColumn("title", type.text, (column) => column.notNull())
      .addColumn("details", type.json, (column) => column.notNull())
      .addColumn("first_seen_at", type.key, (column) => column.notNull())
      .addColumn("last_seen_at", type.key, (column) => column.notNull())
      .addColumn("count", type.bigint, (column) => column.notNull())
      .addColumn("resolved_at", type.key)
      .execute();
    // At most one open alert per (project, key), enforced by the database: a report is one
    // INSERT … ON CONFLICT on this partial index, so two processes reporting at once cannot open two.
    await db.schema
      .createIndex("alerts_open_key")
      .on("alerts")
      .columns(["project_id", "key"])
      .unique()
      .where(sql.ref("resolved_at"), "is", null)
      .execute();
    await db.schema
      .createIndex("alerts_project_last_seen")
      .on("alerts")
      .columns(["project_id", "last_seen_at"])
      .execute();

    await db.schema.alterTable("spans").addColumn("prompt_id", type.key).execute();
    await db.schema.alterTable("spans").addColumn("prompt_hash", type.key).execute();
    await db.schema.alterTable("spans").addColumn("environment", type.key).execute();
    // Partial: only model calls made with a registry prompt are indexed, so spans without one cost
    // nothing extra on insert; usageByHash always filters on `prompt_hash is not null`.
    await db.schema
      .createIndex("spans_prompt_hash")
      .on("spans")
      .columns(["prompt_id", "prompt_hash", "start_time_ms"])
      .where(sql.ref("prompt_hash"), "is not", null)
      .execute();
    await db.schema
      .createIndex("spans_prompt_environment")
      .on("spans")
      .columns(["environment", "start_time_ms"])
      .where(sql.ref("prompt_hash"), "is not", null)
      .execute();
    await backfillSpanColumns(db, context.kind);
  },
};

// A string attribute of a span's JSON `attributes`, null when missing, empty or not a string.
function stringAttribute(kind: StoreKind, key: string): RawBuilder<string | null> {
  if (kind === "postgres") {
    // The casts pick the text overloads of -> and ->> (they also take an integer index).
    return sql`nullif(case when json_typeof(attributes::json -> ${key}::text) = 'string' then attributes::json ->> ${key}::text end, '')`;
  }
  const path = `$."${key}"`;
  return sql`nullif(case when json_type(attributes, ${path}) = 'text' then json_extract(attributes, ${path}) end, '')`;
}

// Spans stored before this migration get the columns the mapping now fills on arrival: prompt id and
// hash on model-call spans only, environment from the span or its resource. The LIKE filters keep the
// JSON parsing to the spans that can match.
async function backfillSpanColumns(db: Kysely<unknown>, kind: StoreKind): Promise<void> {
  const text = (key: string) => stringAttribute(kind, key);
  await sql`
    update spans set prompt_id = ${text(keys.promptId)}, prompt_hash = ${text(keys.promptHash)}
    where attributes like ${`%"${keys.promptHash}"%`} and ${text(keys.operationName)} = 'chat'
  `.execute(db);
  await sql`
    update spans set environment = coalesce(${text(keys.environment)}, ${text(keys.resourceEnvironment)})
    where attributes like ${`%"%${keys.environment}"%`}
  `.execute(db);
}
