import { sql } from "kysely";
import {
  type LedgerCounterKey,
  type LedgerCounterLimit,
  ledgerScopeKinds,
  type NewLedgerEntry,
} from "../ledger-spec.js";
import { invalidInput } from "../store-errors.js";
import { checkMicros } from "./column-values.js";

// Keys, order and validation of budget counters, shared by the ledger's statements.

/** One string per counter key; the separator cannot occur in ids users write. */
export function keyText(key: LedgerCounterKey): string {
  return `${key.scopeKind}\u0000${key.scopeId}\u0000${key.windowKey}`;
}

// UTF-8 byte order, part by part: what Postgres's `collate "C"` key columns sort by (and SQLite's
// default), so `order by scope_kind, scope_id, window_key` and this sort agree on every key.
function compareText(left: string, right: string): number {
  return Buffer.compare(Buffer.from(left, "utf8"), Buffer.from(right, "utf8"));
}

function compareKeys(left: LedgerCounterKey, right: LedgerCounterKey): number {
  return (
    compareText(left.scopeKind, right.scopeKind) ||
    compareText(left.scopeId, right.scopeId) ||
    compareText(left.windowKey, right.windowKey)
  );
}

/**
 * The counters sorted by key (UTF-8 byte order, the same in every process and in the database), one
 * per key: a key given twice keeps its smaller limit, so a reservation never charges one counter
 * twice. Every statement that locks counters locks them in this order, which is what keeps
 * concurrent writers deadlock-free.
 */
export function lockOrder(counters: readonly LedgerCounterLimit[]): LedgerCounterLimit[] {
  const byKey = new Map<string, LedgerCounterLimit>();
  for (const counter of counters) {
    const key = keyText(counter);
    const known = byKey.get(key);
    if (known === undefined || counter.limitMicros < known.limitMicros) byKey.set(key, counter);
  }
  return [...byKey.values()].sort(compareKeys);
}

/** A valid key, stripped of any other fields. */
export function checkKey(key: LedgerCounterKey): LedgerCounterKey {
  if (!(ledgerScopeKinds as readonly string[]).includes(key.scopeKind)) {
    throw invalidInput("scopeKind", `must be one of ${ledgerScopeKinds.join(", ")}, got "${key.scopeKind}"`);
  }
  if (key.scopeId.length === 0) throw invalidInput("scopeId", "must not be empty");
  if (key.windowKey.length === 0) throw invalidInput("windowKey", "must not be empty");
  return { scopeKind: key.scopeKind, scopeId: key.scopeId, windowKey: key.windowKey };
}

/** Whole, non-negative micro-USD. */
export function checkAmount(value: number, field: string): number {
  checkMicros(value, field);
  if (value < 0) throw invalidInput(field, `must not be negative, got ${value}`);
  return value;
}

/** `where` for one counter row. */
export function matchesKey(key: LedgerCounterKey) {
  return sql<boolean>`scope_kind = ${key.scopeKind} and scope_id = ${key.scopeId} and window_key = ${key.windowKey}`;
}

/**
 * One ledger entry per counter, with ids derived from the reservation (`<reservationId>:<kind>:<n>`):
 * a reservation is reserved, settled and released at most once, so the primary key also guards that,
 * and a single statement can name a reservation's entries without first learning how many there are.
 */
export function entriesFor(
  keys: readonly LedgerCounterKey[],
  kind: NewLedgerEntry["kind"],
  amountMicros: number,
  reservationId: string,
  runId: string | null,
): NewLedgerEntry[] {
  return keys.map((key, index) => ({
    id: ledgerEntryId(reservationId, kind, index),
    scopeKind: key.scopeKind,
    scopeId: key.scopeId,
    window: key.windowKey,
    kind,
    amountMicros,
    reservationId,
    runId,
  }));
}

/** The id of a reservation's `index`th entry of one kind. */
export function ledgerEntryId(reservationId: string, kind: NewLedgerEntry["kind"], index: number): string {
  return `${reservationId}:${kind}:${index}`;
}
