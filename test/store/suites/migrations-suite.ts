import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrations } from "../../../src/store/index.js";
import type { StoreBackend } from "../backends.js";
import { rejectionOf } from "../fresh-store.js";

const allNames = migrations.map((migration) => migration.name);
const latest = migrations.at(-1)!.version;

/** Migrations: applied once, idempotent, safe under concurrent opens, refusing a newer schema. */
export function defineMigrationsSuite(backend: StoreBackend): void {
  describe("migrations", () => {
    it("applies every migration on open and reports the store current", async () => {
      const store = await backend.createTarget().open();
      try {
        const status = await store.migrations.status();
        expect(status.map((entry) => entry.version)).toEqual(
          migrations.map((migration) => migration.version),
        );
        expect(status.every((entry) => typeof entry.appliedAt === "string")).toBe(true);
        expect(await store.migrations.isCurrent()).toBe(true);
        expect((await store.projects.get("default"))?.name).toBe("Default");
      } finally {
        await store.close();
      }
    });

    it("is idempotent: migrating again and reopening apply nothing", async () => {
      const target = backend.createTarget();
      const first = await target.open();
      expect(await first.migrations.migrate()).toEqual([]);
      await first.close();
      const second = await target.open();
      try {
        expect(await second.migrations.migrate()).toEqual([]);
        const rows = await second.db.selectFrom("schema_migrations").selectAll().execute();
        expect(rows).toHaveLength(migrations.length);
        const projects = await second.projects.list();
        expect(projects.filter((project) => project.id === "default")).toHaveLength(1);
      } finally {
        await second.close();
      }
    });

    it("with migrate:false leaves a fresh database pending until migrate() is called", async () => {
      const store = await backend.createTarget().open({ migrate: false });
      try {
        const before = await store.migrations.status();
        expect(before.every((entry) => entry.appliedAt === null)).toBe(true);
        expect(await store.migrations.isCurrent()).toBe(false);
        expect(await store.migrations.migrate()).toEqual(allNames);
        expect(await store.migrations.isCurrent()).toBe(true);
      } finally {
        await store.close();
      }
    });

    it("two stores opening the same fresh database at once both succeed and apply each migration once", async () => {
      const target = backend.createTarget();
      const stores = await Promise.all([target.open({ migrate: false }), target.open({ migrate: false })]);
      try {
        const applied = await Promise.all(stores.map((store) => store.migrations.migrate()));
        // Exactly one of the two did the work; together they applied each migration exactly once.
        expect(applied.flat().sort()).toEqual([...allNames].sort());
        const rows = await stores[0]!.db.selectFrom("schema_migrations").select("version").execute();
        expect(rows.map((row) => Number(row.version)).sort()).toEqual(migrations.map((m) => m.version));
        expect(await stores[1]!.migrations.isCurrent()).toBe(true);
      } finally {
        await Promise.all(stores.map((store) => store.close()));
      }
    });

    it("two concurrent openStore calls (separate connections) on a fresh database both succeed", async () => {
      const target = backend.createTarget();
      const stores = await Promise.all([target.open(), target.open()]);
      try {
        const rows = await stores[0]!.db.selectFrom("schema_migrations").select("version").execute();
        expect(rows).toHaveLength(migrations.length);
        const projects = await stores[1]!.projects.list();
        expect(projects.map((project) => project.id)).toEqual(["default"]);
      } finally {
        await Promise.all(stores.map((store) => store.close()));
      }
    });

    it("refuses a database migrated by a newer Gantry with STORE_SCHEMA_TOO_NEW", async () => {
      const target = backend.createTarget();
      const store = await target.open();
      await sql`insert into schema_migrations (version, name, applied_at) values (${latest + 1000}, ${"from-the-future"}, ${"2030-01-01T00:00:00.000Z"})`.execute(
        store.db,
      );
      await store.close();

      const error = await rejectionOf(target.open());
      expect(error.code).toBe("STORE_SCHEMA_TOO_NEW");
      expect(error.domain).toBe("STORE");
      expect(error.message).toContain(String(latest + 1000));

      const inspecting = await target.open({ migrate: false });
      try {
        const status = await inspecting.migrations.status();
        expect(status.at(-1)).toMatchObject({ version: latest + 1000, name: "from-the-future" });
        expect(await inspecting.migrations.isCurrent()).toBe(false);
        expect((await rejectionOf(inspecting.migrations.migrate())).code).toBe("STORE_SCHEMA_TOO_NEW");
      } finally {
        await inspecting.close();
      }
    });
  });
}
