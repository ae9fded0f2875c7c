import type { SqliteDatabase, SqliteStatement } from "kysely";

// Kysely's SQLite driver prepares every query afresh. Parsing is a large share of a statement's cost
// (a 500-row span insert has 8000 placeholders), and the repositories send the same SQL text again and
// again, so prepared statements are kept and reused, least recently used dropped first.
// Reuse is safe because the driver runs one statement at a time on its single connection.

const capacity = 200;

/** Wraps a better-sqlite3 database so `prepare` returns cached statements for repeated SQL text. */
export function withStatementCache(database: SqliteDatabase): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      if (cached) {
        // Map keeps insertion order: re-inserting marks the statement most recently used.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > capacity) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
}
