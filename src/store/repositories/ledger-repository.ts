import { type Kysely, type Selectable, sql } from "kysely";
import { isoNow, newId } from "../../core/index.js";
import type { BudgetLedgerTable, Database } from "../database.js";
import {
  type LedgerEntry,
  type LedgerEntryKind,
  type LedgerRepository,
  type LedgerScopeKind,
  ledgerEntryKinds,
  ledgerScopeKinds,
  type NewLedgerEntry,
} from "../ledger-spec.js";
import { invalidInput } from "../store-errors.js";
import { checkMicros, pageLimit } from "./column-values.js";
import { createLedgerReservations } from "./ledger-reservations.js";
import type { RepositoryContext } from "./repository-context.js";

function toRecord(row: Selectable<BudgetLedgerTable>): LedgerEntry {
  return {
    id: row.id,
    scopeKind: row.scope_kind as LedgerScopeKind,
    scopeId: row.scope_id,
    window: row.window_key,
    kind: row.kind as LedgerEntryKind,
    amountMicros: Number(row.amount_micros),
    reservationId: row.reservation_id,
    runId: row.run_id,
    createdAt: row.created_at,
  };
}

function checkOneOf<T extends string>(value: string, allowed: readonly T[], field: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalidInput(field, `must be one of ${allowed.join(", ")}, got "${value}"`);
  }
  return value as T;
}

/**
 * The budget ledger's storage: counters that reservations are held against atomically, and entries
 * that are only ever appended (the audit trail; totals are sums over them).
 */
export function createLedgerRepository(context: RepositoryContext): LedgerRepository {
  const { db, clock } = context;
  function toRow(entry: NewLedgerEntry): Selectable<BudgetLedgerTable> {
    return {
      id: entry.id ?? newId("ledger", clock),
      scope_kind: checkOneOf(entry.scopeKind, ledgerScopeKinds, "scopeKind"),
      scope_id: entry.scopeId,
      window_key: entry.window,
      kind: checkOneOf(entry.kind, ledgerEntryKinds, "kind"),
      amount_micros: checkMicros(entry.amountMicros, "amountMicros"),
      reservation_id: entry.reservationId ?? null,
      run_id: entry.runId ?? null,
      created_at: isoNow(clock),
    };
  }

  async function insert(
    target: Kysely<Database>,
    entries: readonly NewLedgerEntry[],
  ): Promise<LedgerEntry[]> {
    if (entries.length === 0) return [];
    const rows = entries.map(toRow);
    await target.insertInto("budget_ledger").values(rows).execute();
    return rows.map(toRecord);
  }

  return {
    ...createLedgerReservations(context, (entries) => entries.map(toRow)),

    async append(entry) {
      return (await insert(db, [entry]))[0]!;
    },

    async appendMany(entries) {
      // A single multi-row INSERT is atomic on both databases; ledgers are small batches.
      return insert(db, entries);
    },

    async listByScope(scopeKind, scopeId, options = {}) {
      const limit = pageLimit(options.limit, 1000, 10_000);
      let query = db
        .selectFrom("budget_ledger")
        .selectAll()
        .where("scope_kind", "=", scopeKind)
        .where("scope_id", "=", scopeId);
      if (options.window !== undefined) query = query.where("window_key", "=", options.window);
      const rows = await query.orderBy("created_at").orderBy("id").limit(limit).execute();
      return rows.map(toRecord);
    },

    async sumByScope(scopeKind, scopeId, window) {
      const rows = await db
        .selectFrom("budget_ledger")
        // sum(bigint) is numeric on Postgres; the cast keeps it an int8 so it arrives as an exact number.
        .select(["kind", sql<number>`cast(sum(amount_micros) as bigint)`.as("total")])
        .where("scope_kind", "=", scopeKind)
        .where("scope_id", "=", scopeId)
        .where("window_key", "=", window)
        .groupBy("kind")
        .execute();
      const totals = new Map(rows.map((row) => [row.kind, Number(row.total)]));
      return {
        reserved: totals.get("reserve") ?? 0,
        settled: totals.get("settle") ?? 0,
        released: totals.get("release") ?? 0,
      };
    },
  };
}
