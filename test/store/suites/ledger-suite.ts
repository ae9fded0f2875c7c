import { describe, expect, it } from "vitest";
import type { LedgerScopeKind, NewLedgerEntry } from "../../../src/store/index.js";
import type { StoreBackend } from "../backends.js";
import { rejectionOf, useFreshStore } from "../fresh-store.js";

function entry(overrides: Partial<NewLedgerEntry> = {}): NewLedgerEntry {
  return {
    scopeKind: "run",
    scopeId: "run_1",
    window: "run",
    kind: "reserve",
    amountMicros: 1000,
    ...overrides,
  };
}

/** The budget ledger's storage: append, list and integer sums per scope and window. */
export function defineLedgerSuite(backend: StoreBackend): void {
  describe("ledger", () => {
    const fresh = useFreshStore(backend);

    it("appends an entry and returns it as stored", async () => {
      const stored = await fresh.store.ledger.append(
        entry({ reservationId: "reservation_1", runId: "run_1" }),
      );
      expect(stored).toMatchObject({
        scopeKind: "run",
        scopeId: "run_1",
        window: "run",
        kind: "reserve",
        amountMicros: 1000,
        reservationId: "reservation_1",
        runId: "run_1",
        createdAt: "2026-11-24T09:00:00.000Z",
      });
      expect(stored.id).toMatch(/^ledger_/);
      expect(await fresh.store.ledger.listByScope("run", "run_1")).toEqual([stored]);
    });

    it("sums reserve, settle and release per scope and window, exactly, for big amounts", async () => {
      const scope = { scopeKind: "project" as LedgerScopeKind, scopeId: "default", window: "month:2026-11" };
      await fresh.store.ledger.appendMany([
        entry({ ...scope, kind: "reserve", amountMicros: 3_000_000_000_000_000 }),
        entry({ ...scope, kind: "reserve", amountMicros: 3_000_000_000_000_000 }),
        entry({ ...scope, kind: "reserve", amountMicros: 3_000_000_000_000_001 }),
        entry({ ...scope, kind: "settle", amountMicros: 9_000_000_000_000 }),
        entry({ ...scope, kind: "release", amountMicros: 7 }),
        entry({ ...scope, window: "month:2026-10", kind: "settle", amountMicros: 5 }),
        entry({ ...scope, scopeId: "billing", kind: "settle", amountMicros: 11 }),
        entry({ ...scope, scopeKind: "agent", kind: "settle", amountMicros: 13 }),
      ]);
      expect(await fresh.store.ledger.sumByScope("project", "default", "month:2026-11")).toEqual({
        reserved: 9_000_000_000_000_001,
        settled: 9_000_000_000_000,
        released: 7,
      });
      expect(await fresh.store.ledger.sumByScope("project", "default", "month:2026-10")).toEqual({
        reserved: 0,
        settled: 5,
        released: 0,
      });
      expect(await fresh.store.ledger.sumByScope("session", "nobody", "run")).toEqual({
        reserved: 0,
        settled: 0,
        released: 0,
      });
    });

    it("lists a scope's entries oldest first, optionally one window, with a limit", async () => {
      for (const window of ["day:2026-11-23", "day:2026-11-24", "day:2026-11-24"]) {
        await fresh.store.ledger.append(entry({ scopeKind: "apiKey", scopeId: "key_1", window }));
        fresh.clock.advance(1);
      }
      const all = await fresh.store.ledger.listByScope("apiKey", "key_1");
      expect(all.map((item) => item.window)).toEqual(["day:2026-11-23", "day:2026-11-24", "day:2026-11-24"]);
      expect(all.map((item) => item.createdAt)).toEqual([...all.map((item) => item.createdAt)].sort());
      expect(
        await fresh.store.ledger.listByScope("apiKey", "key_1", { window: "day:2026-11-24" }),
      ).toHaveLength(2);
      expect(await fresh.store.ledger.listByScope("apiKey", "key_1", { limit: 1 })).toEqual([all[0]]);
    });

    it("rejects fractional amounts and unknown kinds, storing nothing from a rejected batch", async () => {
      expect((await rejectionOf(fresh.store.ledger.append(entry({ amountMicros: 0.5 })))).code).toBe(
        "STORE_INVALID_INPUT",
      );
      const batch = [entry(), entry({ kind: "refund" as NewLedgerEntry["kind"] })];
      expect((await rejectionOf(fresh.store.ledger.appendMany(batch))).code).toBe("STORE_INVALID_INPUT");
      const badScope = entry({ scopeKind: "team" as LedgerScopeKind });
      expect((await rejectionOf(fresh.store.ledger.append(badScope))).code).toBe("STORE_INVALID_INPUT");
      expect(await fresh.store.ledger.listByScope("run", "run_1")).toEqual([]);
      expect(await fresh.store.ledger.appendMany([])).toEqual([]);
    });

    it("rejects a duplicate entry id and keeps the batch out", async () => {
      await fresh.store.ledger.append(entry({ id: "ledger_fixed" }));
      await expect(
        fresh.store.ledger.appendMany([
          entry({ id: "ledger_new", amountMicros: 1 }),
          entry({ id: "ledger_fixed" }),
        ]),
      ).rejects.toThrow();
      expect((await fresh.store.ledger.listByScope("run", "run_1")).map((item) => item.id)).toEqual([
        "ledger_fixed",
      ]);
    });
  });
}
