import { budgetsSchema } from "../../src/core/index.js";
import type { BudgetGuard } from "../../src/guard/index.js";
import type { LedgerCounterKey, Store } from "../../src/store/index.js";

// Acceptance 1 of issue 5: concurrent sessions spend against one $1.00 project budget with calls of
// about $0.03. Shared by the test and by the second process it starts (budget-race-worker.ts).

/** The one cap every session spends against. */
export const raceConfig = budgetsSchema.parse({
  limits: [{ scope: "project", window: "total", limitUsd: 1 }],
});
export const raceLimitMicros = 1_000_000;
export const raceCounter: LedgerCounterKey = { scopeKind: "project", scopeId: "default", windowKey: "total" };
/** Each call reserves $0.03 and costs $0.024 to $0.030: actual ≤ reserved, as an estimate guarantees. */
export const reserveMicros = 30_000;
const lowestCostMicros = 24_000;

/** What one process's sessions did. */
export interface RaceTally {
  granted: number;
  refused: number;
  settledMicros: number;
}

// A small deterministic generator per session, so a failing run can be reproduced.
function seeded(seed: number): () => number {
  let state = (seed * 2_654_435_761) >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

// The simulated model call: 5 to 15 ms of latency (a real call takes seconds), during which the other
// sessions, in this process and the other one, reserve and settle against the same counters.
const simulatedCall = (random: () => number) =>
  new Promise<void>((resolve) => setTimeout(resolve, 5 + Math.floor(random() * 11)));

/** Runs the sessions at once; each loops reserve → call → settle until the budget refuses it. */
export async function runRaceSessions(guard: BudgetGuard, sessions: readonly number[]): Promise<RaceTally> {
  const tally: RaceTally = { granted: 0, refused: 0, settledMicros: 0 };
  await Promise.all(
    sessions.map(async (session) => {
      const random = seeded(session + 1);
      const context = { runId: `run_race_${session}`, sessionId: `session_race_${session}`, agent: "racer" };
      for (;;) {
        const outcome = await guard.reserve({ context, amountMicros: reserveMicros, label: "sim:default" });
        if (!outcome.ok) {
          tally.refused += 1;
          return;
        }
        tally.granted += 1;
        await simulatedCall(random);
        const actual = lowestCostMicros + Math.floor(random() * (reserveMicros - lowestCostMicros + 1));
        await guard.settle(outcome.reservation, actual);
        tally.settledMicros += actual;
      }
    }),
  );
  return tally;
}

/** Sums tallies of several processes. */
export function combine(tallies: readonly RaceTally[]): RaceTally {
  return tallies.reduce(
    (total, tally) => ({
      granted: total.granted + tally.granted,
      refused: total.refused + tally.refused,
      settledMicros: total.settledMicros + tally.settledMicros,
    }),
    { granted: 0, refused: 0, settledMicros: 0 },
  );
}

/** What the database says was spent: the counter, and the audit trail it must agree with. */
export async function storedSpend(store: Store) {
  const [counter] = await store.ledger.counters([raceCounter]);
  const sums = await store.ledger.sumByScope(
    raceCounter.scopeKind,
    raceCounter.scopeId,
    raceCounter.windowKey,
  );
  return {
    settledMicros: counter!.settledMicros,
    reservedMicros: counter!.reservedMicros,
    trailSettledMicros: sums.settled,
    trailHeldMicros: sums.reserved - sums.released,
  };
}
