import { afterAll, describe, expect, it } from "vitest";
import { budgetsSchema, ManualClock } from "../../src/core/index.js";
import { createBudgetGuard, createMemoryBudgetGuard } from "../../src/guard/index.js";
import type { Store } from "../../src/store/index.js";
import { postgresBackend, probePostgres, sqliteBackend } from "../store/backends.js";
import { rejectionOf } from "../store/fresh-store.js";
import { defineBudgetGuardSuite } from "./budget-guard-suite.js";
import { requirePostgres } from "./require-postgres.js";

// One suite, three ledgers: the in-process memory guard and the store guard on SQLite and Postgres
// must behave the same (DESIGN.md: every adapter has a conformance suite).

defineBudgetGuardSuite("memory", async (config, clock) => ({
  guard: createMemoryBudgetGuard(config, { clock }),
  close: async () => {},
}));

const sqlite = sqliteBackend();
afterAll(() => sqlite.cleanup());
defineBudgetGuardSuite("store on sqlite", async (config, clock) => {
  const store = await sqlite.createTarget().open({ clock });
  return { guard: createBudgetGuard({ store, config, clock }), close: () => store.close() };
});

const postgresProblem = await probePostgres();
requirePostgres("budget guard on postgres", postgresProblem);
if (postgresProblem === null) {
  const postgres = postgresBackend();
  afterAll(() => postgres.cleanup());
  defineBudgetGuardSuite("store on postgres", async (config, clock) => {
    const store = await postgres.createTarget().open({ clock });
    return { guard: createBudgetGuard({ store, config, clock }), close: () => store.close() };
  });
}

describe("budget guard fails closed", () => {
  const config = budgetsSchema.parse({ limits: [{ scope: "project", limitUsd: 1 }] });
  const context = { runId: "run_1", agent: "triage" };

  it("throws BUDGET_LEDGER_UNAVAILABLE (THIRD_PARTY) when the ledger throws, and grants nothing", async () => {
    const down = new Error("connect ECONNREFUSED 127.0.0.1:5432");
    const failing = {
      ledger: {
        reserve: () => Promise.reject(down),
        settle: () => Promise.reject(down),
        release: () => Promise.reject(down),
        counters: () => Promise.reject(down),
      },
    } as unknown as Pick<Store, "ledger">;
    const guard = createBudgetGuard({ store: failing, config, clock: new ManualClock() });
    const error = await rejectionOf(guard.reserve({ context, amountMicros: 1 }));
    expect(error).toMatchObject({
      code: "BUDGET_LEDGER_UNAVAILABLE",
      domain: "BUDGET",
      category: "THIRD_PARTY",
    });
    expect(String(error.message)).toContain("ECONNREFUSED");
    expect(error.cause).toBe(down);
    expect((await rejectionOf(guard.status(context))).code).toBe("BUDGET_LEDGER_UNAVAILABLE");
    const reservation = { id: "reservation_1", amountMicros: 1, counters: [] };
    // A reservation no cap applied to never reached the ledger, so finishing it needs no ledger either.
    await guard.settle(reservation, 1);
  });

  it("throws BUDGET_LEDGER_UNAVAILABLE once the store is closed, for reserve, settle and release", async () => {
    const store = await sqlite.createTarget().open();
    const guard = createBudgetGuard({ store, config });
    const outcome = await guard.reserve({ context, amountMicros: 10 });
    if (!outcome.ok) throw new Error("expected a reservation");
    await store.close();
    for (const attempt of [
      guard.reserve({ context, amountMicros: 10 }),
      guard.settle(outcome.reservation, 10),
      guard.release(outcome.reservation),
    ]) {
      expect((await rejectionOf(attempt)).code).toBe("BUDGET_LEDGER_UNAVAILABLE");
    }
  });
});
