// Contract of the budget ledger: counters per scope and time window that reservations are held
// against atomically, and an append-only trail of reserve, settle and release entries. Which limits
// apply and what a window is lives in `guard`; this is only its storage.
//
// Entry meaning: `reserve` holds an amount, `release` gives the same amount back (every reservation is
// released exactly once, also when it settles), `settle` records what was actually spent. So per
// counter: reserved = Σ reserve − Σ release and settled = Σ settle.

export const ledgerScopeKinds = ["run", "session", "agent", "apiKey", "project"] as const;
export type LedgerScopeKind = (typeof ledgerScopeKinds)[number];

export const ledgerEntryKinds = ["reserve", "settle", "release"] as const;
export type LedgerEntryKind = (typeof ledgerEntryKinds)[number];

export interface LedgerEntry {
  id: string;
  scopeKind: LedgerScopeKind;
  scopeId: string;
  /** The budget window: `run`, `day:2026-11-24`, `month:2026-11`… */
  window: string;
  kind: LedgerEntryKind;
  /** Integer micro-USD. */
  amountMicros: number;
  reservationId: string | null;
  runId: string | null;
  createdAt: string;
}

export interface NewLedgerEntry {
  id?: string;
  scopeKind: LedgerScopeKind;
  scopeId: string;
  window: string;
  kind: LedgerEntryKind;
  amountMicros: number;
  reservationId?: string | null;
  runId?: string | null;
}

/** Integer micro-USD totals of one scope and window, per entry kind. */
export interface LedgerSums {
  reserved: number;
  settled: number;
  released: number;
}

/** One budget counter: a scope's running totals in one window. */
export interface LedgerCounterKey {
  scopeKind: LedgerScopeKind;
  scopeId: string;
  /** `total`, `day:2026-11-24`, `month:2026-11`. */
  windowKey: string;
}

/** A counter a reservation is held against, with the cap it must stay under. */
export interface LedgerCounterLimit extends LedgerCounterKey {
  /** Integer micro-USD; the caller's current cap wins over the one stored with the counter. */
  limitMicros: number;
}

/** Where a counter stands. A counter never written reads as zeros with a null limit. */
export interface LedgerCounter extends LedgerCounterKey {
  /** The cap the last reservation was checked against; null when none was ever made. */
  limitMicros: number | null;
  /** Held by reservations not yet settled or released. */
  reservedMicros: number;
  /** Spent: the sum of settled actual costs. */
  settledMicros: number;
}

export interface LedgerReserveInput {
  /** Chosen by the caller (unique), so a retried reserve can be recognised. */
  reservationId: string;
  runId?: string | null;
  amountMicros: number;
  /** What the hold is for (e.g. the model id); stored with the reservation. */
  label?: string | null;
  /** Every counter to hold the amount against; all are charged or none. */
  counters: readonly LedgerCounterLimit[];
}

/** `ok`, or the first counter (in lock order) that the amount would push past its cap. */
export type LedgerReserveResult =
  | { ok: true }
  | { ok: false; counter: LedgerCounterLimit; settledMicros: number; reservedMicros: number };

/**
 * What settle or release did: `settled`/`released` the first time; `already-settled` /
 * `already-released` when the reservation was finished before (nothing changes); `unknown` when no
 * such reservation exists.
 */
export type LedgerFinishOutcome = "settled" | "released" | "already-settled" | "already-released" | "unknown";

export interface LedgerRepository {
  /**
   * Atomically holds `amountMicros` on every counter, refusing when any counter's
   * `reserved + settled + amount` would pass its limit (then nothing is held). Counters are created on
   * first use and locked in one fixed order, so concurrent reservations on many processes never
   * deadlock. Appends one `reserve` entry per counter.
   */
  reserve(input: LedgerReserveInput): Promise<LedgerReserveResult>;
  /**
   * Moves the hold to spend: each counter loses the reserved amount and gains `actualMicros`, which may
   * be more than was reserved (recorded, never refused). Appends a `settle` (actual) and a `release`
   * (the hold) entry per counter. Idempotent: only the first settle or release of a reservation counts.
   */
  settle(reservationId: string, actualMicros: number): Promise<LedgerFinishOutcome>;
  /** Gives the whole hold back and appends a `release` entry per counter. Idempotent like `settle`. */
  release(reservationId: string): Promise<LedgerFinishOutcome>;
  /** The counters asked for, in the order asked. */
  counters(keys: readonly LedgerCounterKey[]): Promise<LedgerCounter[]>;
  append(entry: NewLedgerEntry): Promise<LedgerEntry>;
  /** Appends all entries in one transaction: all are stored or none. */
  appendMany(entries: readonly NewLedgerEntry[]): Promise<LedgerEntry[]>;
  /** Entries of a scope, oldest first, optionally of one window. */
  listByScope(
    scopeKind: LedgerScopeKind,
    scopeId: string,
    options?: { window?: string; limit?: number },
  ): Promise<LedgerEntry[]>;
  sumByScope(scopeKind: LedgerScopeKind, scopeId: string, window: string): Promise<LedgerSums>;
}
