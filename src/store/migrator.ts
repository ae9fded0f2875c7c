import { type Kysely, sql } from "kysely";
import { type Clock, GantryError, isoNow } from "../core/index.js";
import type { Database } from "./database.js";
import type { Migration } from "./migrations/index.js";
import { schemaTooNew } from "./store-errors.js";
import type { MigrationStatus, Migrations, StoreKind } from "./store-spec.js";
import { lockKeys, writeTransaction } from "./write-transaction.js";

interface AppliedMigration {
  version: number;
  name: string;
  appliedAt: string;
}

/** Creates the migration runner for one open store. */
export function createMigrations(options: {
  db: Kysely<Database>;
  kind: StoreKind;
  location: string;
  clock: Clock;
  migrations: readonly Migration[];
}): Migrations {
  const { db, kind, location, clock } = options;
  const known = checkedOrder(options.migrations);
  const latestKnown = known.at(-1)?.version ?? 0;

  // Applies what is pending, given a connection that already holds the migration lock.
  async function applyPending(
    connection: Kysely<Database>,
    perMigration: (step: () => Promise<void>) => Promise<void>,
  ) {
    await createTrackingTable(connection);
    const applied = await readApplied(connection);
    const newest = applied.at(-1)?.version ?? 0;
    if (newest > latestKnown) throw schemaTooNew(location, newest, latestKnown);
    const done = new Set(applied.map((migration) => migration.version));
    const names: string[] = [];
    for (const migration of known) {
      if (done.has(migration.version)) continue;
      await perMigration(async () => {
        const now = isoNow(clock);
        await migration.up(connection as unknown as Kysely<unknown>, { kind, now });
        await connection
          .insertInto("schema_migrations")
          .values({ version: migration.version, name: migration.name, applied_at: now })
          .execute();
      });
      names.push(migration.name);
    }
    return names;
  }

  async function migrate(): Promise<string[]> {
    if (kind === "sqlite") {
      // One BEGIN IMMEDIATE transaction: a second process waits (busy_timeout), then sees nothing pending.
      return writeTransaction(db, kind, (connection) => applyPending(connection, (step) => step()));
    }
    // Postgres: a session advisory lock held on one dedicated connection for the whole run, so a second
    // process blocks until the first is done and then re-reads the applied versions inside the lock.
    // Each migration commits on its own, so a failure leaves the earlier ones applied and recorded.
    return db.connection().execute(async (connection) => {
      await sql`select pg_advisory_lock(${lockKeys.migrations})`.execute(connection);
      try {
        return await applyPending(connection, async (step) => {
          await sql`begin`.execute(connection);
          try {
            await step();
            await sql`commit`.execute(connection);
          } catch (error) {
            await sql`rollback`.execute(connection).catch(() => {});
            throw error;
          }
        });
      } finally {
        await sql`select pg_advisory_unlock(${lockKeys.migrations})`.execute(connection);
      }
    });
  }

  async function status(): Promise<MigrationStatus[]> {
    const applied = (await trackingTableExists(db, kind)) ? await readApplied(db) : [];
    const byVersion = new Map(applied.map((migration) => [migration.version, migration]));
    const statuses: MigrationStatus[] = known.map((migration) => ({
      version: migration.version,
      name: migration.name,
      appliedAt: byVersion.get(migration.version)?.appliedAt ?? null,
    }));
    // Versions a newer Gantry applied are listed too, so `status` explains a STORE_SCHEMA_TOO_NEW.
    for (const migration of applied) {
      if (migration.version > latestKnown) statuses.push(migration);
    }
    return statuses;
  }

  return {
    migrate,
    status,
    async isCurrent() {
      const statuses = await status();
      return statuses.every((entry) => entry.appliedAt !== null && entry.version <= latestKnown);
    },
  };
}

function checkedOrder(migrations: readonly Migration[]): readonly Migration[] {
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (previous && migration.version <= previous.version) {
      throw new GantryError({
        code: "STORE_MIGRATIONS_OUT_OF_ORDER",
        message: `Migration ${migration.version} (${migration.name}) comes after version ${previous.version}`,
        domain: "STORE",
        category: "SYSTEM",
      });
    }
  });
  return migrations;
}

async function createTrackingTable(db: Kysely<Database>): Promise<void> {
  await db.schema
    .createTable("schema_migrations")
    .ifNotExists()
    .addColumn("version", "integer", (column) => column.primaryKey())
    .addColumn("name", "text", (column) => column.notNull())
    .addColumn("applied_at", "text", (column) => column.notNull())
    .execute();
}

async function readApplied(db: Kysely<Database>): Promise<AppliedMigration[]> {
  const rows = await db.selectFrom("schema_migrations").selectAll().orderBy("version").execute();
  return rows.map((row) => ({ version: Number(row.version), name: row.name, appliedAt: row.applied_at }));
}

async function trackingTableExists(db: Kysely<Database>, kind: StoreKind): Promise<boolean> {
  if (kind === "sqlite") {
    const result = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name = 'schema_migrations'`.execute(db);
    return result.rows.length > 0;
  }
  // to_regclass follows search_path, so it sees the store's own schema.
  const result = await sql<{
    relation: string | null;
  }>`select to_regclass('schema_migrations')::text as relation`.execute(db);
  return result.rows[0]?.relation != null;
}
