import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { auditEntryHash, auditGenesisHash, type NewAuditEntry } from "../../../src/store/index.js";
import type { StoreBackend } from "../backends.js";
import { useFreshStore } from "../fresh-store.js";

function entry(index: number, overrides: Partial<NewAuditEntry> = {}): NewAuditEntry {
  return {
    principal: { type: "apiKey", id: "key_1" },
    action: "tool.call",
    resource: `tool:refund#${index}`,
    decision: index % 3 === 0 ? "deny" : "allow",
    reason: index % 3 === 0 ? "amount over limit" : null,
    details: { index, amountMicros: 9_000_000_000_000, nested: { list: [1, "two", null] } },
    ...overrides,
  };
}

/** The audit log: a hash chain that detects edits and deletions and never forks under concurrency. */
export function defineAuditSuite(backend: StoreBackend): void {
  describe("audit", () => {
    const fresh = useFreshStore(backend);
    const appendMany = async (count: number) => {
      for (let index = 1; index <= count; index++) await fresh.store.audit.append(entry(index));
    };

    it("offers no way to change or remove an entry", () => {
      expect(Object.keys(fresh.store.audit).sort()).toEqual(["append", "list", "verify"]);
    });

    it("chains entries: sequence from 1, each linking to the previous hash", async () => {
      const first = await fresh.store.audit.append(entry(1, { projectId: "billing" }));
      const second = await fresh.store.audit.append(entry(2));
      expect(first).toMatchObject({ sequence: 1, previousHash: auditGenesisHash, projectId: "billing" });
      expect(first.time).toBe("2026-11-24T09:00:00.000Z");
      expect(first.hash).toBe(auditEntryHash(first));
      expect(second).toMatchObject({
        sequence: 2,
        previousHash: first.hash,
        projectId: "default",
        reason: null,
      });
      expect(await fresh.store.audit.list()).toEqual([first, second]);
    });

    it("lists after a sequence, with a limit and by project", async () => {
      await appendMany(5);
      await fresh.store.audit.append(entry(6, { projectId: "billing" }));
      const sequences = (list: { sequence: number }[]) => list.map((item) => item.sequence);
      expect(sequences(await fresh.store.audit.list({ since: 2, limit: 2 }))).toEqual([3, 4]);
      expect(sequences(await fresh.store.audit.list({ since: 4 }))).toEqual([5, 6]);
      expect(sequences(await fresh.store.audit.list({ projectId: "billing" }))).toEqual([6]);
    });

    it("lists one run's entries by details.runId, through the run_id column", async () => {
      await fresh.store.audit.append(entry(1, { details: { runId: "run_a", step: 1 } }));
      await fresh.store.audit.append(entry(2, { details: { runId: "run_b" } }));
      await fresh.store.audit.append(entry(3, { details: { runId: 42 } }));
      await fresh.store.audit.append(entry(4, { details: { runId: "run_a", step: 2 } }));
      const sequences = (list: { sequence: number }[]) => list.map((item) => item.sequence);
      expect(sequences(await fresh.store.audit.list({ runId: "run_a" }))).toEqual([1, 4]);
      expect(sequences(await fresh.store.audit.list({ runId: "run_a", since: 1 }))).toEqual([4]);
      expect(await fresh.store.audit.list({ runId: "42" })).toEqual([]);
      const columns = await fresh.store.db
        .selectFrom("audit_log")
        .select(["sequence", "run_id"])
        .orderBy("sequence")
        .execute();
      expect(columns.map((row) => row.run_id)).toEqual(["run_a", "run_b", null, "run_a"]);
    });

    it("detects a run_id column moved to another run (replay would miss the entry)", async () => {
      await appendMany(2);
      await fresh.store.audit.append(entry(3, { details: { runId: "run_a" } }));
      await fresh.store.db
        .updateTable("audit_log")
        .set({ run_id: "run_b" })
        .where("sequence", "=", 3)
        .execute();
      expect(await fresh.store.audit.verify()).toMatchObject({
        ok: false,
        checked: 2,
        firstBrokenSequence: 3,
        problem: "edited",
      });
    });

    it("verifies an empty log and an intact chain", async () => {
      expect(await fresh.store.audit.verify()).toEqual({ ok: true, checked: 0 });
      await appendMany(5);
      expect(await fresh.store.audit.verify()).toEqual({ ok: true, checked: 5 });
    });

    it("detects a row edited in the table", async () => {
      await appendMany(5);
      await fresh.store.db
        .updateTable("audit_log")
        .set({ decision: "allow", details: JSON.stringify({ index: 3, note: "nothing to see" }) })
        .where("sequence", "=", 3)
        .execute();
      expect(await fresh.store.audit.verify()).toMatchObject({
        ok: false,
        checked: 2,
        firstBrokenSequence: 3,
      });
      expect((await fresh.store.audit.verify()).reason).toContain("edited");
      expect((await fresh.store.audit.verify()).problem).toBe("edited");
    });

    it("detects an edit whose author also recomputed the row's hash: the next link breaks", async () => {
      await appendMany(4);
      const [row] = await fresh.store.audit.list({ since: 1, limit: 1 });
      const forged = { ...row!, decision: "deny" };
      const { hash: _old, ...unhashed } = forged;
      await fresh.store.db
        .updateTable("audit_log")
        .set({ decision: "deny", hash: auditEntryHash(unhashed) })
        .where("sequence", "=", 2)
        .execute();
      expect(await fresh.store.audit.verify()).toMatchObject({
        ok: false,
        checked: 2,
        firstBrokenSequence: 3,
        problem: "relinked",
      });
    });

    it("detects a deleted row in the middle and at the start", async () => {
      await appendMany(5);
      await fresh.store.db.deleteFrom("audit_log").where("sequence", "=", 3).execute();
      const middle = await fresh.store.audit.verify();
      expect(middle).toMatchObject({ ok: false, checked: 2, firstBrokenSequence: 3 });
      expect(middle.reason).toContain("deleted");
      expect(middle.problem).toBe("deleted");
      await fresh.store.db.deleteFrom("audit_log").where("sequence", "=", 1).execute();
      expect(await fresh.store.audit.verify()).toMatchObject({
        ok: false,
        checked: 0,
        firstBrokenSequence: 1,
      });
    });

    it("keeps one valid chain under 20 parallel appends", async () => {
      const appended = await Promise.all(
        Array.from({ length: 20 }, (_, index) => fresh.store.audit.append(entry(index))),
      );
      expect(appended.map((item) => item.sequence).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, index) => index + 1),
      );
      expect(await fresh.store.audit.verify()).toEqual({ ok: true, checked: 20 });
    });

    it("keeps one valid chain when two separately opened stores append at once", async () => {
      const other = await fresh.target.open({ clock: fresh.clock });
      try {
        await Promise.all(
          Array.from({ length: 20 }, (_, index) =>
            (index % 2 ? other : fresh.store).audit.append(entry(index)),
          ),
        );
        expect(await other.audit.verify()).toEqual({ ok: true, checked: 20 });
        const count = await sql<{ count: number }>`select count(*) as count from audit_log`.execute(
          fresh.store.db,
        );
        expect(Number(count.rows[0]!.count)).toBe(20);
      } finally {
        await other.close();
      }
    });
  });
}
