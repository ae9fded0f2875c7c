import type { SqliteDatabase, SqliteStatement } from "kysely";
import { describe, expect, it } from "vitest";
import { withStatementCache } from "./sqlite-statement-cache.js";

function countingDatabase() {
  const prepared: string[] = [];
  const database: SqliteDatabase = {
    close: () => {},
    prepare: (sql) => {
      prepared.push(sql);
      return { reader: true, sql } as unknown as SqliteStatement;
    },
  };
  return { database, prepared };
}

describe("withStatementCache", () => {
  it("prepares repeated SQL once and returns the same statement", () => {
    const { database, prepared } = countingDatabase();
    const cached = withStatementCache(database);
    const first = cached.prepare("select 1");
    expect(cached.prepare("select 1")).toBe(first);
    expect(prepared).toEqual(["select 1"]);
  });

  it("drops the least recently used statement beyond its capacity", () => {
    const { database, prepared } = countingDatabase();
    const cached = withStatementCache(database);
    for (let index = 0; index < 200; index++) cached.prepare(`select ${index}`);
    cached.prepare("select 0"); // now most recently used
    cached.prepare("select 200"); // evicts "select 1"
    cached.prepare("select 0");
    cached.prepare("select 1");
    expect(prepared.filter((sql) => sql === "select 0")).toHaveLength(1);
    expect(prepared.filter((sql) => sql === "select 1")).toHaveLength(2);
  });
});
