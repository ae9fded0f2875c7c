import { type Insertable, type Kysely, sql } from "kysely";
import type { BudgetLedgerTable, BudgetReservationsTable, Database } from "../database.js";
import type {
  LedgerCounterKey,
  LedgerCounterLimit,
  LedgerFinishOutcome,
  NewLedgerEntry,
} from "../ledger-spec.js";
import type { StoreKind } from "../store-spec.js";
import { writeTransaction } from "../write-transaction.js";
import { fromJsonText } from "./column-values.js";
import { entriesFor, matchesKey } from "./ledger-counter-keys.js";

// The writes of a reservation's life, statement by statement. On SQLite they run inside a write
// transaction (BEGIN IMMEDIATE), so nobody else writes until commit. Postgres has its own statements
// (ledger-statements-postgres.ts) that do the same in fewer round trips.

/** Turns new entries into validated `budget_ledger` rows. */
export type LedgerRows = (entries: readonly NewLedgerEntry[]) => Insertable<BudgetLedgerTable>[];

/** What reserving writes: the reservation, a hold on each counter (in lock order) and the trail. */
export interface ChargePlan {
  reservation: Insertable<BudgetReservationsTable>;
  counters: readonly LedgerCounterLimit[];
  amountMicros: number;
  trail: readonly Insertable<BudgetLedgerTable>[];
  now: string;
}

/**
 * `charged`: every counter holds the amount. `duplicate`: the reservation id exists (a retry; nothing
 * was written). `refused`: this counter could not take it; the caller must roll back.
 */
export type ChargeOutcome =
  | { kind: "charged" }
  | { kind: "duplicate" }
  | { kind: "refused"; counter: LedgerCounterLimit };

/** Ending a reservation: settled with the actual cost (null: released). */
export interface FinishPlan {
  reservationId: string;
  actualMicros: number | null;
  now: string;
  ledgerRows: LedgerRows;
}

export interface LedgerStatements {
  /** Runs inside the caller's write transaction. */
  charge(transaction: Kysely<Database>, plan: ChargePlan): Promise<ChargeOutcome>;
  /** A whole, atomic operation: claims the reservation once, moves its counters, writes the trail. */
  finish(db: Kysely<Database>, kind: StoreKind, plan: FinishPlan): Promise<LedgerFinishOutcome>;
}

/** Create missing counters, then charge each with a conditional UPDATE. */
export const portableLedgerStatements: LedgerStatements = {
  async charge(transaction, plan) {
    // The reservation row first: a retried reserve of the same id charges nothing twice.
    const inserted = await transaction
      .insertInto("budget_reservations")
      .values(plan.reservation)
      .onConflict((conflict) => conflict.column("id").doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return { kind: "duplicate" };
    if (plan.counters.length === 0) return { kind: "charged" };
    await transaction
      .insertInto("budget_counters")
      .values(
        plan.counters.map((counter) => ({
          scope_kind: counter.scopeKind,
          scope_id: counter.scopeId,
          window_key: counter.windowKey,
          limit_micros: counter.limitMicros,
          reserved_micros: 0,
          settled_micros: 0,
          updated_at: plan.now,
        })),
      )
      .onConflict((conflict) => conflict.columns(["scope_kind", "scope_id", "window_key"]).doNothing())
      .execute();
    for (const counter of plan.counters) {
      const charged = await transaction
        .updateTable("budget_counters")
        .set({
          reserved_micros: sql`reserved_micros + ${plan.amountMicros}`,
          limit_micros: counter.limitMicros,
          updated_at: plan.now,
        })
        .where(matchesKey(counter))
        .where(
          sql<boolean>`reserved_micros + settled_micros + ${plan.amountMicros} <= ${counter.limitMicros}`,
        )
        .executeTakeFirst();
      if (Number(charged.numUpdatedRows) === 0) return { kind: "refused", counter };
    }
    await transaction.insertInto("budget_ledger").values(plan.trail).execute();
    return { kind: "charged" };
  },

  async finish(db, kind, { reservationId, actualMicros, now, ledgerRows }) {
    const status = actualMicros === null ? "released" : "settled";
    return writeTransaction(db, kind, async (transaction) => {
      // The claim is a conditional UPDATE, so a second settle or release finds nothing to claim.
      const claimed = await transaction
        .updateTable("budget_reservations")
        .set({ status, actual_micros: actualMicros, finished_at: now })
        .where("id", "=", reservationId)
        .where("status", "=", "reserved")
        .returning(["amount_micros", "counters", "run_id"])
        .executeTakeFirst();
      if (claimed === undefined) return finishedBefore(transaction, reservationId);
      const amountMicros = Number(claimed.amount_micros);
      const actual = actualMicros ?? 0;
      // Stored in lock order, so finishing locks counters in the same order reserving did.
      const keys = fromJsonText<LedgerCounterKey[]>(claimed.counters);
      for (const key of keys) {
        await transaction
          .updateTable("budget_counters")
          .set({
            reserved_micros: sql`reserved_micros - ${amountMicros}`,
            settled_micros: sql`settled_micros + ${actual}`,
            updated_at: now,
          })
          .where(matchesKey(key))
          .execute();
      }
      const entries = entriesFor(keys, "release", amountMicros, reservationId, claimed.run_id);
      if (status === "settled")
        entries.unshift(...entriesFor(keys, "settle", actual, reservationId, claimed.run_id));
      if (entries.length > 0)
        await transaction.insertInto("budget_ledger").values(ledgerRows(entries)).execute();
      return status;
    });
  },
};

/** Why a reservation could not be claimed: finished before, or never made. */
export async function finishedBefore(
  db: Kysely<Database>,
  reservationId: string,
): Promise<LedgerFinishOutcome> {
  const existing = await db
    .selectFrom("budget_reservations")
    .select("status")
    .where("id", "=", reservationId)
    .executeTakeFirst();
  if (existing === undefined) return "unknown";
  return existing.status === "settled" ? "already-settled" : "already-released";
}
