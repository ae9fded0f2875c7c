import type { BudgetScope, BudgetWindow } from "../../core/index.js";

// The contract of budgets: reserve before a model call, settle with the real cost after it, release
// what was not spent. Amounts are integer micro-USD. Implementations fail closed: when the ledger
// cannot be reached, `reserve` throws BUDGET_LEDGER_UNAVAILABLE and nothing is spent.

/** Who is spending: every scope a reservation is charged to is derived from this. */
export interface BudgetContext {
  /** The run making the call. */
  runId: string;
  /** Ancestors of `runId`, nearest first: a subagent's spend rolls up to each of them. */
  parentRunIds?: readonly string[];
  sessionId?: string;
  agent: string;
  apiKeyId?: string;
  /** Defaults to `default`. */
  projectId?: string;
}

/** One cap that applies to a context, resolved to a concrete scope id and window key. */
export interface BudgetCounterRef {
  scope: BudgetScope;
  scopeId: string;
  window: BudgetWindow;
  /** `total`, `day:2026-11-24`, `month:2026-11` (UTC). */
  windowKey: string;
  limitMicros: number;
}

export interface ReserveRequest {
  context: BudgetContext;
  /** The most this call can cost: estimated prompt tokens plus max output tokens at the model's price. */
  amountMicros: number;
  /** Shown in errors and ledger entries, e.g. the model id. */
  label?: string;
}

/** A hold on budget; settle or release it exactly once. */
export interface Reservation {
  id: string;
  amountMicros: number;
  counters: readonly BudgetCounterRef[];
}

/** Which cap refused a reservation, and by how much. */
export interface BudgetExceeded {
  counter: BudgetCounterRef;
  settledMicros: number;
  reservedMicros: number;
  requestedMicros: number;
}

export type ReserveOutcome = { ok: true; reservation: Reservation } | { ok: false; exceeded: BudgetExceeded };

/** A cap and where spending stands against it. */
export interface BudgetStatus {
  counter: BudgetCounterRef;
  settledMicros: number;
  reservedMicros: number;
  remainingMicros: number;
}

export interface BudgetGuard {
  /** True when any limit is configured; with none, reservations are free and always granted. */
  readonly enabled: boolean;
  /** Atomically holds `amountMicros` against every cap of the context, or refuses naming the cap. */
  reserve(request: ReserveRequest): Promise<ReserveOutcome>;
  /** Records the real cost and releases the rest of the hold. `actualMicros` may exceed the hold. */
  settle(reservation: Reservation, actualMicros: number): Promise<void>;
  /** Gives the whole hold back (the call never happened or failed before costing anything). */
  release(reservation: Reservation): Promise<void>;
  /** Every cap that applies to a context and where it stands. */
  status(context: BudgetContext): Promise<BudgetStatus[]>;
}
