// Contract of the budget ledger: reserve, settle and release entries per scope and time window.
// The budget logic lives in `guard`; this is only its storage.

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

export interface LedgerRepository {
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
