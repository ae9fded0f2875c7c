import { type Kysely, sql } from "kysely";
import { isoNow } from "../../core/index.js";
import type { Database } from "../database.js";
import {
  type LedgerCounter,
  type LedgerCounterKey,
  type LedgerCounterLimit,
  type LedgerFinishOutcome,
  type LedgerRepository,
  type LedgerReserveResult,
  type LedgerScopeKind,
  ledgerScopeKinds,
  type NewLedgerEntry,
} from "../ledger-spec.js";
import { invalidInput } from "../store-errors.js";
import { writeTransaction } from "../write-transaction.js";
import { checkMicros, fromJsonText, toJsonText } from "./column-values.js";
import type { RepositoryContext } from "./repository-context.js";

// The atomic half of the ledger: counters that reservations are held against. Every operation is one
// write transaction. SQLite: BEGIN IMMEDIATE takes the database's write lock (across processes), so
// the check and the charge cannot interleave with another writer. Postgres: each counter is charged by
// a conditional UPDATE (`… where reserved + settled + amount <= limit`), which re-checks the newest row
// version after waiting for its lock; counters are always locked in one order (see lockOrder), so two
// reservations over the same counters wait for each other instead of deadlocking.

type AppendEntries = (target: Kysely<Database>, entries: readonly NewLedgerEntry[]) => Promise<unknown>;

type ReservationCounterOperations = Pick<LedgerRepository, "reserve" | "settle" | "release" | "counters">;

/** Thrown inside the reserve transaction to roll back the counters already charged. */
class Refusal {
  constructor(readonly result: Extract<LedgerReserveResult, { ok: false }>) {}
}

function keyText(key: LedgerCounterKey): string {
  return `${key.scopeKind}\u0000${key.scopeId}\u0000${key.windowKey}`;
}

function compareKeys(left: LedgerCounterKey, right: LedgerCounterKey): number {
  const a = keyText(left);
  const b = keyText(right);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The counters sorted by key (code-unit order, the same in every process), one per key: a key given
 * twice keeps its smaller limit, so a reservation never charges one counter twice.
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

function checkKey(key: LedgerCounterKey): LedgerCounterKey {
  if (!(ledgerScopeKinds as readonly string[]).includes(key.scopeKind)) {
    throw invalidInput("scopeKind", `must be one of ${ledgerScopeKinds.join(", ")}, got "${key.scopeKind}"`);
  }
  if (key.scopeId.length === 0) throw invalidInput("scopeId", "must not be empty");
  if (key.windowKey.length === 0) throw invalidInput("windowKey", "must not be empty");
  return { scopeKind: key.scopeKind, scopeId: key.scopeId, windowKey: key.windowKey };
}

function checkAmount(value: number, field: string): number {
  checkMicros(value, field);
  if (value < 0) throw invalidInput(field, `must not be negative, got ${value}`);
  return value;
}

function matchesKey(key: LedgerCounterKey) {
  return sql<boolean>`scope_kind = ${key.scopeKind} and scope_id = ${key.scopeId} and window_key = ${key.windowKey}`;
}

function entriesFor(
  keys: readonly LedgerCounterKey[],
  kind: NewLedgerEntry["kind"],
  amountMicros: number,
  reservationId: string,
  runId: string | null,
): NewLedgerEntry[] {
  return keys.map((key) => ({
    scopeKind: key.scopeKind,
    scopeId: key.scopeId,
    window: key.windowKey,
    kind,
    amountMicros,
    reservationId,
    runId,
  }));
}

/** reserve / settle / release / counters over `budget_counters` and `budget_reservations`. */
export function createLedgerReservations(
  { db, kind, clock }: RepositoryContext,
  appendEntries: AppendEntries,
): ReservationCounterOperations {
  /** Ends a reservation once: the claim is a conditional UPDATE, so a second caller finds it finished. */
  async function finish(
    reservationId: string,
    status: "settled" | "released",
    actualMicros: number | null,
  ): Promise<LedgerFinishOutcome> {
    return writeTransaction(db, kind, async (transaction) => {
      const now = isoNow(clock);
      const claimed = await transaction
        .updateTable("budget_reservations")
        .set({ status, actual_micros: actualMicros, finished_at: now })
        .where("id", "=", reservationId)
        .where("status", "=", "reserved")
        .returning(["amount_micros", "counters", "run_id"])
        .executeTakeFirst();
      if (claimed === undefined) {
        const existing = await transaction
          .selectFrom("budget_reservations")
          .select("status")
          .where("id", "=", reservationId)
          .executeTakeFirst();
        if (existing === undefined) return "unknown";
        return existing.status === "settled" ? "already-settled" : "already-released";
      }
      const amount = Number(claimed.amount_micros);
      const actual = actualMicros ?? 0;
      const keys = fromJsonText<LedgerCounterKey[]>(claimed.counters);
      // Stored in lock order, so finishing locks counters in the same order reserving did.
      for (const key of keys) {
        await transaction
          .updateTable("budget_counters")
          .set({
            reserved_micros: sql`reserved_micros - ${amount}`,
            settled_micros: sql`settled_micros + ${actual}`,
            updated_at: now,
          })
          .where(matchesKey(key))
          .execute();
      }
      const entries = entriesFor(keys, "release", amount, reservationId, claimed.run_id);
      if (status === "settled") {
        entries.unshift(...entriesFor(keys, "settle", actual, reservationId, claimed.run_id));
      }
      await appendEntries(transaction, entries);
      return status;
    });
  }

  return {
    async reserve(input) {
      if (input.reservationId.length === 0) throw invalidInput("reservationId", "must not be empty");
      const amount = checkAmount(input.amountMicros, "amountMicros");
      const counters = lockOrder(
        input.counters.map((counter) => ({
          ...checkKey(counter),
          limitMicros: checkAmount(counter.limitMicros, "limitMicros"),
        })),
      );
      const runId = input.runId ?? null;
      try {
        return await writeTransaction(db, kind, async (transaction): Promise<LedgerReserveResult> => {
          const now = isoNow(clock);
          // The reservation row first: a retried reserve of the same id charges nothing twice.
          const inserted = await transaction
            .insertInto("budget_reservations")
            .values({
              id: input.reservationId,
              run_id: runId,
              amount_micros: amount,
              actual_micros: null,
              counters: toJsonText(counters.map(checkKey)),
              status: "reserved",
              label: input.label ?? null,
              created_at: now,
              finished_at: null,
            })
            .onConflict((conflict) => conflict.column("id").doNothing())
            .executeTakeFirst();
          if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return { ok: true };
          if (counters.length === 0) return { ok: true };
          await transaction
            .insertInto("budget_counters")
            .values(
              counters.map((counter) => ({
                scope_kind: counter.scopeKind,
                scope_id: counter.scopeId,
                window_key: counter.windowKey,
                limit_micros: counter.limitMicros,
                reserved_micros: 0,
                settled_micros: 0,
                updated_at: now,
              })),
            )
            .onConflict((conflict) => conflict.columns(["scope_kind", "scope_id", "window_key"]).doNothing())
            .execute();
          for (const counter of counters) {
            const charged = await transaction
              .updateTable("budget_counters")
              .set({
                reserved_micros: sql`reserved_micros + ${amount}`,
                limit_micros: counter.limitMicros,
                updated_at: now,
              })
              .where(matchesKey(counter))
              .where(sql<boolean>`reserved_micros + settled_micros + ${amount} <= ${counter.limitMicros}`)
              .executeTakeFirst();
            if (Number(charged.numUpdatedRows) === 0) {
              const row = await transaction
                .selectFrom("budget_counters")
                .select(["reserved_micros", "settled_micros"])
                .where(matchesKey(counter))
                .executeTakeFirstOrThrow();
              throw new Refusal({
                ok: false,
                counter,
                settledMicros: Number(row.settled_micros),
                reservedMicros: Number(row.reserved_micros),
              });
            }
          }
          await appendEntries(
            transaction,
            entriesFor(counters, "reserve", amount, input.reservationId, runId),
          );
          return { ok: true };
        });
      } catch (error) {
        if (error instanceof Refusal) return error.result;
        throw error;
      }
    },

    async settle(reservationId, actualMicros) {
      return finish(reservationId, "settled", checkAmount(actualMicros, "actualMicros"));
    },

    async release(reservationId) {
      return finish(reservationId, "released", null);
    },

    async counters(keys) {
      const checked = keys.map(checkKey);
      if (checked.length === 0) return [];
      const rows = await db
        .selectFrom("budget_counters")
        .select(["scope_kind", "scope_id", "window_key", "limit_micros", "reserved_micros", "settled_micros"])
        .where((where) => where.or(checked.map((key) => matchesKey(key))))
        .execute();
      const byKey = new Map(
        rows.map((row) => [
          keyText({
            scopeKind: row.scope_kind as LedgerScopeKind,
            scopeId: row.scope_id,
            windowKey: row.window_key,
          }),
          row,
        ]),
      );
      return checked.map((key): LedgerCounter => {
        const row = byKey.get(keyText(key));
        return {
          ...key,
          limitMicros: row?.limit_micros === null || row === undefined ? null : Number(row.limit_micros),
          reservedMicros: row === undefined ? 0 : Number(row.reserved_micros),
          settledMicros: row === undefined ? 0 : Number(row.settled_micros),
        };
      });
    },
  };
}
