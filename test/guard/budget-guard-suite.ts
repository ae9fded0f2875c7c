import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type BudgetLimitConfig,
  type BudgetsConfig,
  budgetsSchema,
  type Clock,
  ManualClock,
} from "../../src/core/index.js";
import type { BudgetContext, BudgetGuard, Reservation } from "../../src/guard/index.js";
import { rejectionOf } from "../store/fresh-store.js";

/** Builds a guard over a fresh, empty ledger; `close` frees what it opened. */
export type GuardFactory = (
  config: BudgetsConfig,
  clock: Clock,
) => Promise<{ guard: BudgetGuard; close(): Promise<void> }>;

const context: BudgetContext = { runId: "run_1", sessionId: "session_1", agent: "triage" };

function granted(outcome: Awaited<ReturnType<BudgetGuard["reserve"]>>): Reservation {
  if (!outcome.ok)
    throw new Error(`expected a reservation, got a refusal by ${outcome.exceeded.counter.scope}`);
  return outcome.reservation;
}

/**
 * What every BudgetGuard must do, whatever its ledger: caps per scope and UTC window, rollup to parent
 * runs, all-or-nothing reservations, idempotent settle and release. Run against the memory guard and
 * the store guard on SQLite and Postgres, so the three cannot drift apart.
 */
export function defineBudgetGuardSuite(name: string, createGuard: GuardFactory): void {
  describe(`budget guard: ${name}`, () => {
    let clock: ManualClock;
    const opened: Array<{ close(): Promise<void> }> = [];
    beforeEach(() => {
      clock = new ManualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
    });
    afterEach(async () => {
      for (const guard of opened.splice(0)) await guard.close();
    });
    async function guardWith(limits: BudgetLimitConfig[], options: { enabled?: boolean } = {}) {
      const created = await createGuard(budgetsSchema.parse({ limits, ...options }), clock);
      opened.push(created);
      return created.guard;
    }

    it("grants everything, touching nothing, when no limit is configured or budgets are off", async () => {
      for (const guard of [
        await guardWith([]),
        await guardWith([{ scope: "project", limitUsd: 0.01, window: "total" }], { enabled: false }),
      ]) {
        expect(guard.enabled).toBe(false);
        const reservation = granted(await guard.reserve({ context, amountMicros: 5_000_000 }));
        expect(reservation.counters).toEqual([]);
        await guard.settle(reservation, 6_000_000);
        expect(await guard.status(context)).toEqual([]);
      }
    });

    it("refuses the reservation that would pass a cap, naming the cap and where it stands", async () => {
      const guard = await guardWith([{ scope: "project", window: "total", limitUsd: 0.1 }]);
      expect(guard.enabled).toBe(true);
      const first = granted(await guard.reserve({ context, amountMicros: 60_000, label: "sim:default" }));
      const second = granted(await guard.reserve({ context, amountMicros: 30_000 }));
      await guard.settle(first, 50_000);
      const refused = await guard.reserve({ context, amountMicros: 30_000 });
      expect(refused).toEqual({
        ok: false,
        exceeded: {
          counter: {
            scope: "project",
            scopeId: "default",
            window: "total",
            windowKey: "total",
            limitMicros: 100_000,
          },
          settledMicros: 50_000,
          reservedMicros: 30_000,
          requestedMicros: 30_000,
        },
      });
      await guard.release(second);
      granted(await guard.reserve({ context, amountMicros: 30_000 }));
      const [status] = await guard.status(context);
      expect(status).toMatchObject({
        settledMicros: 50_000,
        reservedMicros: 30_000,
        remainingMicros: 20_000,
      });
    });

    it("holds against every applicable cap or none: a refusal by one leaves the others untouched", async () => {
      const guard = await guardWith([
        { scope: "project", window: "total", limitUsd: 10 },
        { scope: "session", window: "total", limitUsd: 0.05 },
      ]);
      granted(await guard.reserve({ context, amountMicros: 40_000 }));
      const refused = await guard.reserve({ context, amountMicros: 20_000 });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.exceeded.counter.scope).toBe("session");
      const statuses = await guard.status(context);
      expect(statuses.map((status) => [status.counter.scope, status.reservedMicros])).toEqual([
        ["project", 40_000],
        ["session", 40_000],
      ]);
      // Another session of the project is not held back by this session's cap.
      granted(await guard.reserve({ context: { ...context, sessionId: "session_2" }, amountMicros: 20_000 }));
    });

    it("starts a new day and month at UTC midnight, while the old window keeps what it spent", async () => {
      clock.set(Date.UTC(2026, 10, 30, 23, 0, 0));
      const guard = await guardWith([
        { scope: "agent", window: "day", limitUsd: 0.05 },
        { scope: "agent", window: "month", limitUsd: 0.2 },
      ]);
      const late = granted(await guard.reserve({ context, amountMicros: 40_000 }));
      clock.set(Date.UTC(2026, 10, 30, 23, 59, 59, 999));
      expect((await guard.reserve({ context, amountMicros: 20_000 })).ok).toBe(false);
      clock.advance(1);
      const nextDay = granted(await guard.reserve({ context, amountMicros: 20_000 }));
      expect(nextDay.counters.map((counter) => counter.windowKey)).toEqual([
        "day:2026-12-01",
        "month:2026-12",
      ]);
      // Settled after midnight, the late call still counts in the day and month it was reserved in.
      await guard.settle(late, 45_000);
      await guard.settle(nextDay, 10_000);
      const statuses = await guard.status(context);
      expect(statuses.map((status) => [status.counter.windowKey, status.settledMicros])).toEqual([
        ["day:2026-12-01", 10_000],
        ["month:2026-12", 10_000],
      ]);
      clock.set(Date.UTC(2026, 10, 30, 12, 0, 0));
      expect((await guard.status(context)).map((status) => status.settledMicros)).toEqual([45_000, 45_000]);
    });

    it("rolls a subagent's spend up to every ancestor run's cap", async () => {
      const guard = await guardWith([{ scope: "run", window: "total", limitUsd: 0.1 }]);
      const child = { runId: "run_child", parentRunIds: ["run_parent", "run_root"], agent: "helper" };
      const spent = granted(await guard.reserve({ context: child, amountMicros: 70_000 }));
      await guard.settle(spent, 70_000);
      const parent = await guard.status({ runId: "run_parent", parentRunIds: ["run_root"], agent: "triage" });
      expect(parent.map((status) => [status.counter.scopeId, status.settledMicros])).toEqual([
        ["run_parent", 70_000],
        ["run_root", 70_000],
      ]);
      // A sibling subagent has its own run cap left, but the shared parent's is nearly spent.
      const sibling = { runId: "run_sibling", parentRunIds: ["run_parent", "run_root"], agent: "helper" };
      const refused = await guard.reserve({ context: sibling, amountMicros: 40_000 });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.exceeded.counter.scopeId).toBe("run_parent");
      // The parent's own calls are checked against the same counter.
      expect(
        (await guard.reserve({ context: { runId: "run_parent", agent: "triage" }, amountMicros: 40_000 })).ok,
      ).toBe(false);
    });

    it("caps only the id a limit names, and each id on its own for a limit without one", async () => {
      const guard = await guardWith([
        { scope: "apiKey", id: "key_partner", window: "total", limitUsd: 0.01 },
        { scope: "agent", window: "total", limitUsd: 0.05 },
      ]);
      const partner = { ...context, apiKeyId: "key_partner" };
      expect((await guard.reserve({ context: partner, amountMicros: 20_000 })).ok).toBe(false);
      granted(
        await guard.reserve({ context: { ...context, apiKeyId: "key_internal" }, amountMicros: 20_000 }),
      );
      granted(await guard.reserve({ context, amountMicros: 30_000 }));
      expect((await guard.reserve({ context, amountMicros: 1 })).ok).toBe(false);
      granted(await guard.reserve({ context: { ...context, agent: "billing" }, amountMicros: 50_000 }));
    });

    it("records a settle above the hold, and counts settle and release once", async () => {
      const guard = await guardWith([{ scope: "session", window: "total", limitUsd: 0.1 }]);
      const reservation = granted(await guard.reserve({ context, amountMicros: 30_000 }));
      await guard.settle(reservation, 45_000);
      await guard.settle(reservation, 45_000);
      await guard.release(reservation);
      const released = granted(await guard.reserve({ context, amountMicros: 30_000 }));
      await guard.release(released);
      await guard.release(released);
      await guard.settle(released, 30_000);
      expect(await guard.status(context)).toMatchObject([
        { settledMicros: 45_000, reservedMicros: 0, remainingMicros: 55_000 },
      ]);
    });

    it("refuses amounts that are not whole non-negative micro-USD and reservations it never made", async () => {
      const guard = await guardWith([{ scope: "project", window: "total", limitUsd: 1 }]);
      expect((await rejectionOf(guard.reserve({ context, amountMicros: 1.5 }))).code).toBe(
        "BUDGET_INVALID_AMOUNT",
      );
      expect((await rejectionOf(guard.reserve({ context, amountMicros: -1 }))).code).toBe(
        "BUDGET_INVALID_AMOUNT",
      );
      const reservation = granted(await guard.reserve({ context, amountMicros: 10 }));
      expect((await rejectionOf(guard.settle(reservation, Number.NaN))).code).toBe("BUDGET_INVALID_AMOUNT");
      const stranger = { ...reservation, id: "reservation_not_made_here" };
      const unknown = await rejectionOf(guard.settle(stranger, 10));
      expect(unknown).toMatchObject({
        code: "BUDGET_RESERVATION_UNKNOWN",
        domain: "BUDGET",
        category: "SYSTEM",
      });
    });

    it("never grants concurrent reservations past the cap", async () => {
      const guard = await guardWith([{ scope: "project", window: "total", limitUsd: 1 }]);
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          guard.reserve({ context: { ...context, runId: `run_${index}` }, amountMicros: 30_000 }),
        ),
      );
      expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(33);
      expect(await guard.status(context)).toMatchObject([
        { reservedMicros: 990_000, remainingMicros: 10_000 },
      ]);
    });
  });
}
