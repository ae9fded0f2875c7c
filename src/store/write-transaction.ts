import { type Kysely, sql } from "kysely";
import type { StoreKind } from "./store-spec.js";

/**
 * Runs `work` in a transaction that holds the write lock from its first statement, so a read-then-write
 * (next audit sequence, pending migrations) cannot interleave with another writer.
 * SQLite: `BEGIN IMMEDIATE` (takes the database write lock, across processes too).
 * Postgres: a transaction, plus `pg_advisory_xact_lock(lockKey)` when a key is given.
 * `work` must use the Kysely it is handed, never the outer one (SQLite has a single connection).
 */
export async function writeTransaction<DB, T>(
  db: Kysely<DB>,
  kind: StoreKind,
  work: (transaction: Kysely<DB>) => Promise<T>,
  options: { lockKey?: number } = {},
): Promise<T> {
  if (kind === "sqlite") {
    return db.connection().execute(async (connection) => {
      await sql`begin immediate`.execute(connection);
      try {
        const result = await work(connection);
        await sql`commit`.execute(connection);
        return result;
      } catch (error) {
        await sql`rollback`.execute(connection).catch(() => {});
        throw error;
      }
    });
  }
  return db.transaction().execute(async (transaction) => {
    if (options.lockKey !== undefined) {
      await sql`select pg_advisory_xact_lock(${options.lockKey})`.execute(transaction);
    }
    return work(transaction);
  });
}

/** Advisory lock keys (Postgres); fixed numbers so every Gantry process agrees on them. */
export const lockKeys = {
  migrations: 4_728_117_001,
  audit: 4_728_117_002,
  /** Label moves: the old label is read, then the label and its history event are written. */
  promptLabels: 4_728_117_003,
} as const;
