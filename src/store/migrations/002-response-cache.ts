import type { Kysely } from "kysely";
import { columnTypes } from "./column-types.js";
import type { Migration, MigrationContext } from "./migration.js";

/** The opt-in exact-match model response cache: one row per request hash, with an expiry. */
export const responseCacheMigration: Migration = {
  version: 2,
  name: "response-cache",
  async up(db: Kysely<unknown>, context: MigrationContext): Promise<void> {
    const type = columnTypes(context.kind);
    await db.schema
      .createTable("response_cache")
      // sha256 hex of the request's canonical JSON (computed by src/models).
      .addColumn("key", type.key, (column) => column.primaryKey())
      .addColumn("model_id", type.text, (column) => column.notNull())
      .addColumn("value", type.json, (column) => column.notNull())
      .addColumn("created_at", type.key, (column) => column.notNull())
      .addColumn("expires_at", type.key, (column) => column.notNull())
      .execute();
    // Purging expired entries is a range delete on this column.
    await db.schema
      .createIndex("response_cache_expires_at")
      .on("response_cache")
      .column("expires_at")
      .execute();
  },
};
