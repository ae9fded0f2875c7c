import type { Kysely } from "kysely";
import type { StoreKind } from "../store-spec.js";

/** What a migration may need besides the database: the dialect it runs on and the current time. */
export interface MigrationContext {
  kind: StoreKind;
  /** ISO-8601 time of this migrate run, for rows a migration seeds. */
  now: string;
}

/**
 * One forward-only schema step. Migrations see an untyped Kysely because the typed `Database` describes
 * the latest schema, not the one a given migration starts from.
 */
export interface Migration {
  version: number;
  /** kebab-case, stable: it is recorded in `schema_migrations`. */
  name: string;
  up(db: Kysely<unknown>, context: MigrationContext): Promise<void>;
}
