import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { Clock } from "../../src/core/index.js";
import { openStore, type Store, type StoreKind } from "../../src/store/index.js";

// The two real databases the conformance suite runs against. Each target is an empty database of its
// own: a new SQLite file in a temp folder, or a new Postgres schema with a random name.

/** The Postgres the suite uses; GANTRY_TEST_POSTGRES_URL overrides the local default. */
export const postgresUrl = process.env.GANTRY_TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/test";

export interface OpenOptions {
  migrate?: boolean;
  clock?: Clock;
}

/** One empty database; open it as many times as a test needs (each open is a separate connection/pool). */
export interface StoreTarget {
  open(options?: OpenOptions): Promise<Store>;
}

export interface StoreBackend {
  kind: StoreKind;
  /** A new, empty database. */
  createTarget(): StoreTarget;
  /** Removes every database this backend created. */
  cleanup(): Promise<void>;
}

/** SQLite: each target is a fresh file under a temp folder removed at cleanup. */
export function sqliteBackend(): StoreBackend {
  const folders: string[] = [];
  return {
    kind: "sqlite",
    createTarget() {
      const root = mkdtempSync(join(tmpdir(), "gantry-store-"));
      folders.push(root);
      return { open: (options = {}) => openStore({ root, ...options }) };
    },
    async cleanup() {
      for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Postgres: each target is a fresh schema with a random name, dropped at cleanup. */
export function postgresBackend(url: string = postgresUrl): StoreBackend {
  const schemas: string[] = [];
  const root = mkdtempSync(join(tmpdir(), "gantry-store-pg-"));
  return {
    kind: "postgres",
    createTarget() {
      const schema = `gantry_test_${randomBytes(6).toString("hex")}`;
      schemas.push(schema);
      return { open: (options = {}) => openStore({ url, root, schema, ...options }) };
    },
    async cleanup() {
      rmSync(root, { recursive: true, force: true });
      if (schemas.length === 0) return;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        for (const schema of schemas.splice(0)) await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Null when Postgres answers at `url`, otherwise why not. */
export async function probePostgres(url: string = postgresUrl): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return null;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}
