import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import type { Dialect } from "kysely";
import { BusyRetryingSqliteDialect } from "./sqlite-busy-retry.js";
import { withStatementCache } from "./sqlite-statement-cache.js";
import { storeUnavailable } from "./store-errors.js";

/**
 * Connection settings every SQLite store uses, in order. WAL lets readers run beside the single writer;
 * synchronous=NORMAL is the recommended WAL pairing (never corrupts; a power cut may lose the last
 * commits, a process crash loses nothing). busy_timeout is 5 s while these run (plain synchronous
 * calls at open), then 0: from then on a locked database is waited for asynchronously by
 * BusyRetryingSqliteDialect, which does not freeze the event loop.
 */
export const sqlitePragmas: readonly string[] = [
  "busy_timeout = 5000",
  "journal_mode = WAL",
  "synchronous = NORMAL",
  "foreign_keys = ON",
  "busy_timeout = 0",
];

/** Opens (creating when missing) the SQLite file and wraps it in a Kysely dialect. */
export function connectSqlite(path: string): Dialect {
  if (path !== ":memory:") {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (cause) {
      throw storeUnavailable({
        location: path,
        what: "Cannot create the folder for the SQLite store",
        hint: "Check the path in GANTRY_DATABASE_URL or store.url, and that the folder is writable.",
        category: "USER",
        cause,
      });
    }
  }
  let database: BetterSqlite3.Database | undefined;
  try {
    database = new BetterSqlite3(path);
    for (const pragma of sqlitePragmas) database.pragma(pragma);
  } catch (cause) {
    database?.close();
    throw storeUnavailable({
      location: path,
      what: "Cannot open the SQLite store",
      hint:
        "Check that the path names a SQLite file (or a place to create one) you may write to; " +
        "set GANTRY_DATABASE_URL or store.url to another path otherwise.",
      category: "USER",
      cause,
    });
  }
  return new BusyRetryingSqliteDialect({ database: withStatementCache(database) });
}
