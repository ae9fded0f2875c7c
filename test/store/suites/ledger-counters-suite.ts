import { describe, expect, it } from "vitest";
import type {
  LedgerCounterKey,
  LedgerCounterLimit,
  LedgerRepository,
  LedgerScopeKind,
  Store,
} from "../../../src/store/index.js";
import type { StoreBackend } from "../backends.js";
import { rejectionOf, useFreshStore } from "../fresh-store.js";

const project: LedgerCounterKey = { scopeKind: "project", scopeId: "default", windowKey: "total" };
const session: LedgerCounterKey = { scopeKind: "session", scopeId: "session_1", windowKey: "day:2026-11-24" };
const agent: LedgerCounterKey = { scopeKind: "agent", scopeId: "triage", windowKey: "month:2026-11" };

function limited(key: LedgerCounterKey, limitMicros: number): LedgerCounterLimit {
  return { ...key, limitMicros };
}

/** The counters of a key rebuilt from the audit trail: reserved = reserve − release, settled = settle. */
async function fromEntries(ledger: LedgerRepository, key: LedgerCounterKey) {
  const sums = await ledger.sumByScope(key.scopeKind, key.scopeId, key.windowKey);
  return { reservedMicros: sums.reserved - sums.released, settledMicros: sums.settled };
}

async function counter(store: Store, key: LedgerCounterKey) {
  const [found] = await store.ledger.counters([key]);
  return found!;
}

/** The budget ledger's counters: atomic reserve, idempotent settle and release, and their audit trail. */
export function defineLedgerCountersSuite(backend: StoreBackend): void {
  describe("ledger counters", () => {
    const fresh = useFreshStore(backend);

    it("holds an amount on every counter, creating counters on first use, and records reserve entries", async () => {
      const { ledger } = fresh.store;
      const result = await ledger.reserve({
        reservationId: "reservation_1",
        runId: "run_1",
        amountMicros: 30_000,
        counters: [limited(project, 1_000_000), limited(session, 500_000)],
      });
      expect(result).toEqual({ ok: true });
      expect(await ledger.counters([session, project, agent])).toEqual([
        { ...session, limitMicros: 500_000, reservedMicros: 30_000, settledMicros: 0 },
        { ...project, limitMicros: 1_000_000, reservedMicros: 30_000, settledMicros: 0 },
        { ...agent, limitMicros: null, reservedMicros: 0, settledMicros: 0 },
      ]);
      const entries = await ledger.listByScope("project", "default");
      expect(entries).toMatchObject([
        {
          kind: "reserve",
          amountMicros: 30_000,
          window: "total",
          reservationId: "reservation_1",
          runId: "run_1",
        },
      ]);
      expect(await ledger.counters([])).toEqual([]);
    });

    it("refuses an amount that would pass any cap, naming it, and then holds nothing anywhere", async () => {
      const { ledger } = fresh.store;
      await ledger.reserve({
        reservationId: "reservation_1",
        amountMicros: 400_000,
        counters: [limited(session, 500_000)],
      });
      // "project" sorts before "session", so the project counter is charged first and must be rolled back.
      const refused = await ledger.reserve({
        reservationId: "reservation_2",
        amountMicros: 100_001,
        counters: [limited(project, 1_000_000), limited(session, 500_000)],
      });
      expect(refused).toEqual({
        ok: false,
        counter: limited(session, 500_000),
        settledMicros: 0,
        reservedMicros: 400_000,
      });
      expect((await counter(fresh.store, project)).reservedMicros).toBe(0);
      expect((await counter(fresh.store, session)).reservedMicros).toBe(400_000);
      expect(await ledger.listByScope("project", "default")).toEqual([]);
      expect(await ledger.settle("reservation_2", 1)).toBe("unknown");
      // Exactly up to the cap is allowed.
      const exact = await ledger.reserve({
        reservationId: "reservation_3",
        amountMicros: 100_000,
        counters: [limited(project, 1_000_000), limited(session, 500_000)],
      });
      expect(exact).toEqual({ ok: true });
      expect((await counter(fresh.store, session)).reservedMicros).toBe(500_000);
    });

    it("settles the real cost (more than held is recorded, not refused) and keeps counters equal to the trail", async () => {
      const { ledger } = fresh.store;
      const counters = [limited(project, 100_000), limited(agent, 1_000_000)];
      await ledger.reserve({ reservationId: "reservation_1", amountMicros: 60_000, counters });
      await ledger.reserve({ reservationId: "reservation_2", amountMicros: 40_000, counters });
      expect(await ledger.settle("reservation_1", 25_000)).toBe("settled");
      expect(await ledger.settle("reservation_2", 90_000)).toBe("settled");
      expect(await counter(fresh.store, project)).toMatchObject({
        reservedMicros: 0,
        settledMicros: 115_000,
      });
      for (const key of [project, agent]) {
        expect(await fromEntries(ledger, key)).toEqual({ reservedMicros: 0, settledMicros: 115_000 });
      }
      const kinds = (await ledger.listByScope("agent", "triage")).map(
        (entry) => `${entry.kind} ${entry.amountMicros}`,
      );
      expect(kinds.sort()).toEqual(
        [
          "reserve 60000",
          "reserve 40000",
          "settle 25000",
          "release 60000",
          "settle 90000",
          "release 40000",
        ].sort(),
      );
      // Past the cap now, so even the smallest reservation is refused.
      const refused = await ledger.reserve({ reservationId: "reservation_3", amountMicros: 1, counters });
      expect(refused).toMatchObject({ ok: false, settledMicros: 115_000, reservedMicros: 0 });
    });

    it("settles and releases a reservation once: later calls change nothing and say why", async () => {
      const { ledger } = fresh.store;
      const counters = [limited(project, 1_000_000)];
      await ledger.reserve({ reservationId: "reservation_1", amountMicros: 30_000, counters });
      await ledger.reserve({ reservationId: "reservation_2", amountMicros: 20_000, counters });
      expect(await ledger.settle("reservation_1", 10_000)).toBe("settled");
      expect(await ledger.settle("reservation_1", 10_000)).toBe("already-settled");
      expect(await ledger.release("reservation_1")).toBe("already-settled");
      expect(await ledger.release("reservation_2")).toBe("released");
      expect(await ledger.release("reservation_2")).toBe("already-released");
      expect(await ledger.settle("reservation_2", 5)).toBe("already-released");
      expect(await ledger.release("reservation_nope")).toBe("unknown");
      expect(await counter(fresh.store, project)).toMatchObject({ reservedMicros: 0, settledMicros: 10_000 });
      expect(await fromEntries(ledger, project)).toEqual({ reservedMicros: 0, settledMicros: 10_000 });
    });

    it("names a reservation's trail entries after it, and lets concurrent settles count once", async () => {
      const second = await fresh.target.open({ clock: fresh.clock });
      try {
        const counters = [limited(project, 1_000_000), limited(agent, 1_000_000)];
        await fresh.store.ledger.reserve({ reservationId: "reservation_1", amountMicros: 30_000, counters });
        const outcomes = await Promise.all([
          fresh.store.ledger.settle("reservation_1", 20_000),
          second.ledger.settle("reservation_1", 20_000),
          second.ledger.release("reservation_1"),
          fresh.store.ledger.settle("reservation_1", 20_000),
        ]);
        expect(outcomes.filter((outcome) => outcome === "settled" || outcome === "released")).toHaveLength(1);
        expect(outcomes.filter((outcome) => outcome.startsWith("already-"))).toHaveLength(3);
        const ids = (await fresh.store.ledger.listByScope("project", "default")).map((entry) => entry.id);
        // Numbered in lock order: "agent" sorts before "project", so the project counter is entry 1.
        const finished = outcomes.includes("settled")
          ? ["reservation_1:release:1", "reservation_1:settle:1"]
          : ["reservation_1:release:1"];
        expect(ids.sort()).toEqual(["reservation_1:reserve:1", ...finished].sort());
        const [, agentCounter] = await fresh.store.ledger.counters([project, agent]);
        expect(agentCounter).toMatchObject({
          reservedMicros: 0,
          settledMicros: outcomes.includes("settled") ? 20_000 : 0,
        });
      } finally {
        await second.close();
      }
    });

    it("charges a retried reserve of the same id once, and a key given twice once at its smaller cap", async () => {
      const { ledger } = fresh.store;
      const input = {
        reservationId: "reservation_1",
        amountMicros: 30_000,
        counters: [limited(project, 100_000)],
      };
      expect(await ledger.reserve(input)).toEqual({ ok: true });
      expect(await ledger.reserve(input)).toEqual({ ok: true });
      expect((await counter(fresh.store, project)).reservedMicros).toBe(30_000);

      const twice = await ledger.reserve({
        reservationId: "reservation_2",
        amountMicros: 30_000,
        counters: [limited(session, 100_000), limited(session, 50_000)],
      });
      expect(twice).toEqual({ ok: true });
      expect(await counter(fresh.store, session)).toMatchObject({
        reservedMicros: 30_000,
        limitMicros: 50_000,
      });
    });

    it("checks each reservation against the cap it brings, so a raised cap takes effect at once", async () => {
      const { ledger } = fresh.store;
      await ledger.reserve({
        reservationId: "reservation_1",
        amountMicros: 90_000,
        counters: [limited(project, 100_000)],
      });
      await ledger.settle("reservation_1", 90_000);
      const low = {
        reservationId: "reservation_2",
        amountMicros: 30_000,
        counters: [limited(project, 100_000)],
      };
      expect(await ledger.reserve(low)).toMatchObject({ ok: false });
      const raised = { ...low, counters: [limited(project, 200_000)] };
      expect(await ledger.reserve(raised)).toEqual({ ok: true });
      expect(await counter(fresh.store, project)).toMatchObject({
        limitMicros: 200_000,
        reservedMicros: 30_000,
      });
    });

    it("never lets concurrent reservations from two connections pass a cap", async () => {
      const second = await fresh.target.open({ clock: fresh.clock });
      try {
        const stores = [fresh.store, second];
        const outcomes = await Promise.all(
          Array.from({ length: 40 }, (_, index) =>
            stores[index % 2]!.ledger.reserve({
              reservationId: `reservation_${index}`,
              amountMicros: 30_000,
              counters: [limited(project, 1_000_000), limited(session, 2_000_000)],
            }),
          ),
        );
        expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(33);
        expect(await counter(fresh.store, project)).toMatchObject({ reservedMicros: 990_000 });
        expect(await fromEntries(fresh.store.ledger, project)).toEqual({
          reservedMicros: 990_000,
          settledMicros: 0,
        });
      } finally {
        await second.close();
      }
    });

    it("does not deadlock when concurrent reservations list the same counters in opposite orders", async () => {
      const second = await fresh.target.open({ clock: fresh.clock });
      try {
        const keys = [project, session, agent];
        const outcomes = await Promise.all(
          Array.from({ length: 30 }, (_, index) => {
            const order = index % 2 === 0 ? keys : [...keys].reverse();
            return (index % 2 === 0 ? fresh.store : second).ledger.reserve({
              reservationId: `reservation_${index}`,
              amountMicros: 1_000,
              counters: order.map((key) => limited(key, 1_000_000)),
            });
          }),
        );
        expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
        const settled = await Promise.all(
          Array.from({ length: 30 }, (_, index) =>
            (index % 2 === 0 ? second : fresh.store).ledger.settle(`reservation_${index}`, 500),
          ),
        );
        expect(new Set(settled)).toEqual(new Set(["settled"]));
        for (const key of keys) {
          expect(await counter(fresh.store, key)).toMatchObject({ reservedMicros: 0, settledMicros: 15_000 });
        }
      } finally {
        await second.close();
      }
    });

    it("locks in the database's key order, so reserves and settles racing over non-ASCII ids never deadlock", async () => {
      const second = await fresh.target.open({ clock: fresh.clock });
      try {
        // U+FF5E sorts after U+1F600 by UTF-16 code unit but before it by UTF-8 byte (Postgres "C").
        const keys = ["\u{1F600}", "\uFF5E"].map(
          (scopeId): LedgerCounterKey => ({ scopeKind: "session", scopeId, windowKey: "total" }),
        );
        const counters = keys.map((key) => limited(key, 10_000_000));
        const stores = [fresh.store, second];
        await Promise.all(
          Array.from({ length: 16 }, async (_, worker) => {
            const ledger = stores[worker % 2]!.ledger;
            for (let round = 0; round < 25; round++) {
              const reservationId = `reservation_${worker}_${round}`;
              const order = (worker + round) % 2 === 0 ? counters : [...counters].reverse();
              expect(await ledger.reserve({ reservationId, amountMicros: 100, counters: order })).toEqual({
                ok: true,
              });
              expect(await ledger.settle(reservationId, 50)).toBe("settled");
            }
          }),
        );
        for (const found of await fresh.store.ledger.counters(keys)) {
          expect(found).toMatchObject({ reservedMicros: 0, settledMicros: 20_000 });
        }
      } finally {
        await second.close();
      }
    });

    it("refuses amounts that are not whole non-negative micro-USD and unknown scopes, holding nothing", async () => {
      const { ledger } = fresh.store;
      const base = { reservationId: "reservation_1", amountMicros: 10, counters: [limited(project, 100)] };
      expect((await rejectionOf(ledger.reserve({ ...base, amountMicros: 0.5 }))).code).toBe(
        "STORE_INVALID_INPUT",
      );
      expect((await rejectionOf(ledger.reserve({ ...base, amountMicros: -1 }))).code).toBe(
        "STORE_INVALID_INPUT",
      );
      const badScope = { ...project, scopeKind: "team" as LedgerScopeKind, limitMicros: 100 };
      expect((await rejectionOf(ledger.reserve({ ...base, counters: [badScope] }))).code).toBe(
        "STORE_INVALID_INPUT",
      );
      expect((await rejectionOf(ledger.reserve({ ...base, reservationId: "" }))).code).toBe(
        "STORE_INVALID_INPUT",
      );
      await ledger.reserve(base);
      expect((await rejectionOf(ledger.settle("reservation_1", 1.5))).code).toBe("STORE_INVALID_INPUT");
      expect(await counter(fresh.store, project)).toMatchObject({ reservedMicros: 10, settledMicros: 0 });
    });
  });
}
