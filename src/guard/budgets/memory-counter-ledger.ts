import type { LedgerCounter, LedgerCounterKey, LedgerFinishOutcome } from "../../store/index.js";
import type { BudgetCounterLedger } from "./ledger-budget-guard.js";

interface CounterState {
  limitMicros: number | null;
  reservedMicros: number;
  settledMicros: number;
}

interface HeldReservation {
  amountMicros: number;
  counters: CounterState[];
}

export interface MemoryCounterLedgerOptions {
  /**
   * How many finished reservation ids are remembered, so a second settle or release is a no-op rather
   * than an unknown reservation. Default 100,000; older ones are forgotten to bound memory.
   */
  rememberFinished?: number;
}

function keyText(key: LedgerCounterKey): string {
  return `${key.scopeKind}\u0000${key.scopeId}\u0000${key.windowKey}`;
}

/**
 * The ledger's counters in one process's memory, with the store's semantics: all-or-nothing
 * reservations checked as `reserved + settled + amount <= limit`, settle may exceed the hold, and
 * settle/release count once. Each operation runs synchronously inside its promise, so no two
 * interleave. Nothing is persisted and nothing is shared with other processes.
 */
export function createMemoryCounterLedger(options: MemoryCounterLedgerOptions = {}): BudgetCounterLedger {
  const rememberFinished = options.rememberFinished ?? 100_000;
  const counters = new Map<string, CounterState>();
  const held = new Map<string, HeldReservation>();
  const finished = new Map<string, "settled" | "released">();
  // Finished ids in arrival order, overwritten in a ring: forgetting the oldest is one Map.delete.
  // (Deleting a Map's first key and asking for the next first key instead rescans every earlier
  // deletion until V8 rehashes, which made each settle cost tens of microseconds.)
  const finishedOrder: string[] = [];
  let oldest = 0;

  function counterFor(key: LedgerCounterKey): CounterState {
    const text = keyText(key);
    let state = counters.get(text);
    if (state === undefined) {
      state = { limitMicros: null, reservedMicros: 0, settledMicros: 0 };
      counters.set(text, state);
    }
    return state;
  }

  function remember(reservationId: string, status: "settled" | "released"): void {
    if (rememberFinished <= 0) return;
    if (finishedOrder.length < rememberFinished) {
      finishedOrder.push(reservationId);
    } else {
      finished.delete(finishedOrder[oldest]!);
      finishedOrder[oldest] = reservationId;
      oldest = (oldest + 1) % rememberFinished;
    }
    finished.set(reservationId, status);
  }

  function finish(
    reservationId: string,
    status: "settled" | "released",
    actual: number,
  ): LedgerFinishOutcome {
    const reservation = held.get(reservationId);
    if (reservation === undefined) {
      const done = finished.get(reservationId);
      if (done === undefined) return "unknown";
      return done === "settled" ? "already-settled" : "already-released";
    }
    for (const state of reservation.counters) {
      state.reservedMicros -= reservation.amountMicros;
      state.settledMicros += actual;
    }
    held.delete(reservationId);
    remember(reservationId, status);
    return status;
  }

  return {
    async reserve(input) {
      if (held.has(input.reservationId) || finished.has(input.reservationId)) return { ok: true };
      const states = input.counters.map(counterFor);
      for (const [index, state] of states.entries()) {
        const counter = input.counters[index]!;
        if (state.reservedMicros + state.settledMicros + input.amountMicros > counter.limitMicros) {
          return {
            ok: false,
            counter,
            settledMicros: state.settledMicros,
            reservedMicros: state.reservedMicros,
          };
        }
      }
      for (const [index, state] of states.entries()) {
        state.reservedMicros += input.amountMicros;
        state.limitMicros = input.counters[index]!.limitMicros;
      }
      held.set(input.reservationId, { amountMicros: input.amountMicros, counters: states });
      return { ok: true };
    },

    async settle(reservationId, actualMicros) {
      return finish(reservationId, "settled", actualMicros);
    },

    async release(reservationId) {
      return finish(reservationId, "released", 0);
    },

    async counters(keys) {
      return keys.map((key): LedgerCounter => {
        const state = counters.get(keyText(key));
        return {
          scopeKind: key.scopeKind,
          scopeId: key.scopeId,
          windowKey: key.windowKey,
          limitMicros: state?.limitMicros ?? null,
          reservedMicros: state?.reservedMicros ?? 0,
          settledMicros: state?.settledMicros ?? 0,
        };
      });
    },
  };
}
