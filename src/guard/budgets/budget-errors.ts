import { type BudgetLimitConfig, GantryError } from "../../core/index.js";
import type { BudgetCounterRef, BudgetExceeded } from "./budget-spec.js";
import { limitIndexOf } from "./resolve-budget-counters.js";

// The budget guard's error codes: BUDGET_EXCEEDED (a cap refused a reservation; the runtime turns it
// into a paused run), BUDGET_LEDGER_UNAVAILABLE (fail closed), BUDGET_INVALID_AMOUNT,
// BUDGET_RESERVATION_UNKNOWN.

/** Dollars for people: cents when the amount is whole cents, else every micro-dollar digit needed. */
export function formatUsd(micros: number): string {
  const sign = micros < 0 ? "-" : "";
  const absolute = Math.abs(micros);
  if (absolute % 10_000 === 0) return `${sign}$${(absolute / 1_000_000).toFixed(2)}`;
  return `${sign}$${(absolute / 1_000_000).toFixed(6).replace(/0+$/, "")}`;
}

function describeCap(counter: BudgetCounterRef): string {
  const who =
    counter.scope === "apiKey" ? `API key ${counter.scopeId}` : `${counter.scope} ${counter.scopeId}`;
  if (counter.window === "total") return `the budget of ${who}`;
  const period = counter.windowKey.slice(counter.windowKey.indexOf(":") + 1);
  return `the ${counter.window === "day" ? "daily" : "monthly"} budget of ${who} for ${period} (UTC)`;
}

export interface BudgetExceededErrorOptions {
  /** The configured limits (`budgets.limits`), so the message can name the one to raise. */
  limits?: readonly BudgetLimitConfig[];
  /** The paused run, for the resume command in the hint. */
  runId?: string;
}

/**
 * The refusal as a GantryError (BUDGET_EXCEEDED, USER): which cap, how much it allows, how much is spent,
 * held and left, and what to do — raise `budgets.limits[i].limitUsd`, then resume the run.
 */
export function budgetExceededError(
  exceeded: BudgetExceeded,
  options: BudgetExceededErrorOptions = {},
): GantryError {
  const { counter, settledMicros, reservedMicros, requestedMicros } = exceeded;
  const remainingMicros = Math.max(0, counter.limitMicros - settledMicros - reservedMicros);
  const index = options.limits === undefined ? -1 : limitIndexOf(options.limits, counter);
  const field =
    index === -1 ? "the matching budgets.limits entry's limitUsd" : `budgets.limits[${index}].limitUsd`;
  const resume = `gantry run --resume ${options.runId ?? "<runId>"}`;
  const held = reservedMicros > 0 ? `, ${formatUsd(reservedMicros)} held by calls in flight` : "";
  const message =
    `${capitalise(describeCap(counter))} would be exceeded: ${formatUsd(settledMicros)} of ` +
    `${formatUsd(counter.limitMicros)} spent${held}, ${formatUsd(remainingMicros)} left, and the next ` +
    `call may cost up to ${formatUsd(requestedMicros)}.`;
  return new GantryError({
    code: "BUDGET_EXCEEDED",
    message,
    domain: "BUDGET",
    category: "USER",
    details: {
      scope: counter.scope,
      scopeId: counter.scopeId,
      window: counter.window,
      windowKey: counter.windowKey,
      limitMicros: counter.limitMicros,
      settledMicros,
      reservedMicros,
      remainingMicros,
      requestedMicros,
      limitIndex: index === -1 ? null : index,
      ...(options.runId === undefined ? {} : { runId: options.runId }),
    },
    hint: `Raise ${field} in gantry.config.ts, then continue with \`${resume}\`.`,
  });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The ledger could not be read or written: budgets fail closed, so the call must not happen. */
export function budgetLedgerUnavailable(operation: string, cause: unknown): GantryError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new GantryError({
    code: "BUDGET_LEDGER_UNAVAILABLE",
    message: `The budget ledger could not ${operation}: ${reason}. No model call is made while budgets cannot be checked.`,
    domain: "BUDGET",
    category: "THIRD_PARTY",
    details: { operation },
    cause,
    hint:
      "Check that the store (GANTRY_DATABASE_URL or store.url) is reachable, then resume the run; " +
      "to run without caps, set budgets.enabled to false.",
  });
}

/** An amount that is not whole, non-negative micro-USD: a caller's bug, refused rather than rounded. */
export function budgetInvalidAmount(field: string, value: number): GantryError {
  return new GantryError({
    code: "BUDGET_INVALID_AMOUNT",
    message: `${field} must be a whole, non-negative number of micro-USD, got ${value}`,
    domain: "BUDGET",
    category: "SYSTEM",
    details: { field, value: Number.isFinite(value) ? value : String(value) },
    hint: "Pass integer micro-USD (1 USD = 1,000,000); round estimates up before reserving.",
  });
}

/** Settle or release of a reservation this ledger never made. */
export function budgetReservationUnknown(reservationId: string): GantryError {
  return new GantryError({
    code: "BUDGET_RESERVATION_UNKNOWN",
    message: `The budget ledger has no reservation ${reservationId}; it was not made by this ledger or was refused.`,
    domain: "BUDGET",
    category: "SYSTEM",
    details: { reservationId },
    hint: "Settle or release only reservations that reserve() granted, with the guard that granted them.",
  });
}
