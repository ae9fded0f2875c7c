import { describe, expect, it } from "vitest";
import { createMemoryCounterLedger } from "./memory-counter-ledger.js";

const counter = { scopeKind: "project" as const, scopeId: "default", windowKey: "total", limitMicros: 100 };

describe("memory counter ledger", () => {
  it("remembers the last finished reservations, so repeating one is a no-op until it is forgotten", async () => {
    const ledger = createMemoryCounterLedger({ rememberFinished: 2 });
    for (const id of ["first", "second", "third"]) {
      expect(await ledger.reserve({ reservationId: id, amountMicros: 10, counters: [counter] })).toEqual({
        ok: true,
      });
      expect(await ledger.settle(id, 5)).toBe("settled");
    }
    expect(await ledger.settle("third", 5)).toBe("already-settled");
    expect(await ledger.release("second")).toBe("already-settled");
    expect(await ledger.settle("first", 5)).toBe("unknown");
    const [state] = await ledger.counters([counter]);
    expect(state).toMatchObject({ reservedMicros: 0, settledMicros: 15, limitMicros: 100 });
  });

  it("charges every counter or none, and a retried reservation once", async () => {
    const ledger = createMemoryCounterLedger();
    const small = { ...counter, scopeKind: "run" as const, scopeId: "run_1", limitMicros: 15 };
    expect(
      await ledger.reserve({ reservationId: "a", amountMicros: 10, counters: [counter, small] }),
    ).toEqual({
      ok: true,
    });
    expect(
      await ledger.reserve({ reservationId: "a", amountMicros: 10, counters: [counter, small] }),
    ).toEqual({
      ok: true,
    });
    const refused = await ledger.reserve({
      reservationId: "b",
      amountMicros: 10,
      counters: [counter, small],
    });
    expect(refused).toEqual({ ok: false, counter: small, settledMicros: 0, reservedMicros: 10 });
    expect((await ledger.counters([counter, small])).map((state) => state.reservedMicros)).toEqual([10, 10]);
  });
});
