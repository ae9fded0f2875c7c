import { type Insertable, type Kysely, sql } from "kysely";
import type { BudgetLedgerTable, BudgetReservationsTable, Database } from "../database.js";
import type {
  LedgerCounterKey,
  LedgerCounterLimit,
  LedgerFinishOutcome,
  LedgerReserveResult,
  NewLedgerEntry,
} from "../ledger-spec.js";
import type { StoreKind } from "../store-spec.js";
import { writeTransaction } from "../write-transaction.js";
import { fromJsonText } from "./column-values.js";
import { entriesFor, matchesKey } from "./ledger-counter-keys.js";

// The writes of a reservation's life. The portable ones (used on SQLite) go statement by statement
// inside a write transaction (BEGIN IMMEDIATE), so nobody else writes until commit. Postgres has its
// own (ledger-statements-postgres.ts): one statement per operation.

/** Turns new entries into validated `budget_ledger` rows. */
export type LedgerRows = (entries: readonly NewLedgerEntry[]) => Insertable<BudgetLedgerTable>[];

/** What reserving writes: the reservation, a hold on each counter (in lock order) and the trail. */
export interface ReservePlan {
  reservation: Insertable<BudgetReservationsTable>;
  counters: readonly LedgerCounterLimit[];
  amountMicros: number;
  trail: readonly Insertable<BudgetLedgerTable>[];
  now: string;
}

/** Ending a reservation: settled with the actual cost (null: released). */
export interface FinishPlan {
  reservationId: string;
  actualMicros: number | null;
  now: string;
  ledgerRows: LedgerRows;
}

export interface LedgerStatements {
  /** A whole, atomic operation: all counters charged (and the reservation and trail written) or none. */
  reserve(db: Kysely<Database>, kind: StoreKind, plan: ReservePlan): Promise<LedgerReserveResult>;
  /** A whole, atomic operation: claims the reservation once, moves its counters, writes the trail. */
  finish(db: Kysely<Database>, kind: StoreKind, plan: FinishPlan): Promise<LedgerFinishOutcome>;
}

/** Thrown inside the reserve transaction to roll it back and still answer with `result`. */
class RollBack {
  constructor(readonly result: LedgerReserveResult) {}
}

/** Charges each counter with a conditional UPDATE inside one write transaction (BEGIN IMMEDIATE). */
export const portableLedgerStatements: LedgerStatements = {
  async reserve(db, kind, plan) {
    try {
      return await writeTransaction(db, kind, async (transaction) => {
        const refused = await charge(transaction, plan);
        if (refused === "duplicate") return { ok: true };
        if (refused === undefined) return { ok: true };
        // Earlier counters were charged: roll them back. This transaction never charged the refusing
        // counter, so its row shows where it stands.
        const row = await transaction
          .selectFrom("budget_counters")
          .select(["reserved_micros", "settled_micros"])
          .where(matchesKey(refused))
          .executeTakeFirst();
        throw new RollBack({
          ok: false,
          counter: refused,
          reservedMicros: Number(row?.reserved_micros ?? 0),
          settledMicros: Number(row?.settled_micros ?? 0),
        });
      });
    } catch (error) {
      if (error instanceof RollBack) return error.result;
      throw error;
    }
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

/**
 * Inside the write transaction: the reservation row, missing counters, then each counter's
 * conditional charge and the trail. Returns the counter that refused (the caller rolls back),
 * `duplicate` when the reservation exists already (a retry; nothing written), or undefined when done.
 */
async function charge(
  transaction: Kysely<Database>,
  plan: ReservePlan,
): Promise<LedgerCounterLimit | "duplicate" | undefined> {
  const inserted = await transaction
    .insertInto("budget_reservations")
    .values(plan.reservation)
    .onConflict((conflict) => conflict.column("id").doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return "duplicate";
  if (plan.counters.length === 0) return undefined;
  await ensureCounters(transaction, plan);
  for (const counter of plan.counters) {
    const charged = await transaction
      .updateTable("budget_counters")
      .set({
        reserved_micros: sql`reserved_micros + ${plan.amountMicros}`,
        limit_micros: counter.limitMicros,
        updated_at: plan.now,
      })
      .where(matchesKey(counter))
      .where(sql<boolean>`reserved_micros + settled_micros + ${plan.amountMicros} <= ${counter.limitMicros}`)
      .executeTakeFirst();
    if (Number(charged.numUpdatedRows) === 0) return counter;
  }
  await transaction.insertInto("budget_ledger").values(plan.trail).execute();
  return undefined;
}

/** Creates the counters a reservation needs that do not exist yet, holding nothing on them. */
export async function ensureCounters(db: Kysely<Database>, plan: ReservePlan): Promise<void> {
  await db
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
}

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
