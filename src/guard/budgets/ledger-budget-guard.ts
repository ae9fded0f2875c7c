import { type BudgetsConfig, type Clock, newId, systemClock } from "../../core/index.js";
import type { LedgerCounterLimit, LedgerRepository } from "../../store/index.js";
import { budgetInvalidAmount, budgetLedgerUnavailable, budgetReservationUnknown } from "./budget-errors.js";
import type { BudgetCounterRef, BudgetGuard, BudgetStatus, Reservation } from "./budget-spec.js";
import { resolveBudgetCounters } from "./resolve-budget-counters.js";

/** The ledger operations a guard needs: the store's repository, or the in-process memory ledger. */
export type BudgetCounterLedger = Pick<LedgerRepository, "reserve" | "settle" | "release" | "counters">;

function checkAmount(field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw budgetInvalidAmount(field, value);
  return value;
}

function toLedgerCounter(counter: BudgetCounterRef): LedgerCounterLimit {
  return {
    scopeKind: counter.scope,
    scopeId: counter.scopeId,
    windowKey: counter.windowKey,
    limitMicros: counter.limitMicros,
  };
}

/** Runs one ledger operation; any failure becomes BUDGET_LEDGER_UNAVAILABLE, so callers fail closed. */
async function onLedger<T>(operation: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw budgetLedgerUnavailable(operation, error);
  }
}

/**
 * The budget logic over any counter ledger: which caps apply (config + context + the clock's UTC
 * window), validation, and fail-closed error mapping. The store and memory guards differ only in
 * the ledger they hand in, so their semantics are the same by construction.
 */
export function createLedgerBudgetGuard(
  ledger: BudgetCounterLedger,
  config: BudgetsConfig,
  clock: Clock = systemClock,
): BudgetGuard {
  const enabled = config.enabled && config.limits.length > 0;
  const limits = config.limits;

  async function finish(reservation: Reservation, settle: number | null): Promise<void> {
    // A reservation no cap applied to was never written to the ledger.
    if (reservation.counters.length === 0) return;
    const outcome =
      settle === null
        ? await onLedger("release a reservation", () => ledger.release(reservation.id))
        : await onLedger("settle a reservation", () => ledger.settle(reservation.id, settle));
    if (outcome === "unknown") throw budgetReservationUnknown(reservation.id);
  }

  return {
    enabled,

    async reserve({ context, amountMicros, label }) {
      checkAmount("amountMicros", amountMicros);
      const id = newId("reservation", clock);
      const counters = enabled ? resolveBudgetCounters(limits, context, clock.now()) : [];
      if (counters.length === 0) return { ok: true, reservation: { id, amountMicros, counters } };
      const result = await onLedger("reserve budget", () =>
        ledger.reserve({
          reservationId: id,
          runId: context.runId,
          amountMicros,
          label: label ?? null,
          counters: counters.map(toLedgerCounter),
        }),
      );
      if (result.ok) return { ok: true, reservation: { id, amountMicros, counters } };
      const refused = result.counter;
      const counter =
        counters.find(
          (candidate) =>
            candidate.scope === refused.scopeKind &&
            candidate.scopeId === refused.scopeId &&
            candidate.windowKey === refused.windowKey,
        ) ?? counters[0]!;
      return {
        ok: false,
        exceeded: {
          counter,
          settledMicros: result.settledMicros,
          reservedMicros: result.reservedMicros,
          requestedMicros: amountMicros,
        },
      };
    },

    async settle(reservation, actualMicros) {
      await finish(reservation, checkAmount("actualMicros", actualMicros));
    },

    async release(reservation) {
      await finish(reservation, null);
    },

    async status(context) {
      if (!enabled) return [];
      const counters = resolveBudgetCounters(limits, context, clock.now());
      if (counters.length === 0) return [];
      const rows = await onLedger("read budget counters", () =>
        ledger.counters(counters.map(toLedgerCounter)),
      );
      return counters.map((counter, index): BudgetStatus => {
        const settledMicros = rows[index]?.settledMicros ?? 0;
        const reservedMicros = rows[index]?.reservedMicros ?? 0;
        return {
          counter,
          settledMicros,
          reservedMicros,
          remainingMicros: Math.max(0, counter.limitMicros - settledMicros - reservedMicros),
        };
      });
    },
  };
}
