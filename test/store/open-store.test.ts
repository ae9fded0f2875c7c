import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { rejectionOf } from "./fresh-store.js";

// Opening: where the store lands, how it is configured, and how failure to open is reported.

const folders: string[] = [];
function temporaryRoot(): string {
  const root = mkdtempSync(join(tmpdir(), "gantry-open-"));
  folders.push(root);
  return root;
}
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe("openStore on SQLite", () => {
  it("creates <root>/.gantry/gantry.db by default, in WAL mode with foreign keys on", async () => {
    const root = temporaryRoot();
    const store = await openStore({ root });
    try {
      expect(store.kind).toBe("sqlite");
      expect(store.location).toBe(join(root, ".gantry", "gantry.db"));
      expect(existsSync(store.location)).toBe(true);
      const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
      expect(journal.rows[0]?.journal_mode).toBe("wal");
      const foreignKeys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(store.db);
      expect(foreignKeys.rows[0]?.foreign_keys).toBe(1);
    } finally {
      await store.close();
    }
  });

  it("takes a relative url from the root", async () => {
    const root = temporaryRoot();
    const store = await openStore({ root, url: "data/other.db" });
    await store.close();
    expect(store.location).toBe(join(root, "data", "other.db"));
    expect(existsSync(join(root, "data", "other.db"))).toBe(true);
  });

  it("reports a path it cannot create as STORE_UNAVAILABLE, the user's to fix", async () => {
    const root = temporaryRoot();
    writeFileSync(join(root, "not-a-folder"), "");
    const error = await rejectionOf(openStore({ root, url: "not-a-folder/gantry.db" }));
    expect(error).toMatchObject({ code: "STORE_UNAVAILABLE", domain: "STORE", category: "USER" });
    expect(error.message).toContain(join(root, "not-a-folder", "gantry.db"));
    expect(error.message).toContain("GANTRY_DATABASE_URL");
  });

  it("reports a folder or a file that is not SQLite as STORE_UNAVAILABLE", async () => {
    const root = temporaryRoot();
    mkdirSync(join(root, "a-folder"));
    expect(await rejectionOf(openStore({ root, url: "a-folder" }))).toMatchObject({
      code: "STORE_UNAVAILABLE",
      category: "USER",
    });
    writeFileSync(join(root, "notes.txt"), "these are notes, not a database ".repeat(200));
    expect(await rejectionOf(openStore({ root, url: "notes.txt" }))).toMatchObject({
      code: "STORE_UNAVAILABLE",
      category: "USER",
    });
  });

  it("skips migrations when asked", async () => {
    const store = await openStore({ root: temporaryRoot(), migrate: false });
    try {
      expect(await store.migrations.isCurrent()).toBe(false);
    } finally {
      await store.close();
    }
  });
});

describe("openStore on Postgres", () => {
  it("reports an unreachable server as STORE_UNAVAILABLE (THIRD_PARTY) without leaking the password", async () => {
    // Port 1 on loopback refuses at once; no server needed for this test.
    const error = await rejectionOf(
      openStore({ root: temporaryRoot(), url: "postgres://gantry:hunter2@127.0.0.1:1/gantry" }),
    );
    expect(error).toMatchObject({ code: "STORE_UNAVAILABLE", domain: "STORE", category: "THIRD_PARTY" });
    expect(error.message).toContain("postgres://gantry:***@127.0.0.1:1/gantry");
    expect(error.message).not.toContain("hunter2");
    expect(error.message).toContain("GANTRY_DATABASE_URL");
  });

  it("refuses a schema name it would have to quote", async () => {
    const error = await rejectionOf(
      openStore({ root: temporaryRoot(), url: "postgres://127.0.0.1:1/x", schema: "Robert'); drop" }),
    );
    expect(error.code).toBe("STORE_INVALID_INPUT");
  });
});
