import type { Kysely } from "kysely";
import { isoNow } from "../../core/index.js";
import type { Database } from "../database.js";
import type {
  LedgerCounter,
  LedgerCounterKey,
  LedgerRepository,
  LedgerReserveResult,
  LedgerScopeKind,
} from "../ledger-spec.js";
import { invalidInput } from "../store-errors.js";
import { writeTransaction } from "../write-transaction.js";
import { toJsonText } from "./column-values.js";
import { checkAmount, checkKey, entriesFor, keyText, lockOrder, matchesKey } from "./ledger-counter-keys.js";
import { type LedgerRows, type LedgerStatements, portableLedgerStatements } from "./ledger-statements.js";
import { postgresLedgerStatements } from "./ledger-statements-postgres.js";
import type { RepositoryContext } from "./repository-context.js";

// The atomic half of the ledger: counters that reservations are held against. Every operation is one
// write transaction. SQLite: BEGIN IMMEDIATE takes the database's write lock (across processes), so
// the check and the charge cannot interleave with another writer. Postgres: each counter is charged
// with a conditional write (`… where reserved + settled + amount <= limit`) that re-checks the newest
// row version after waiting for its lock; counters are always locked in one order (lockOrder), so
// reservations over the same counters wait for each other instead of deadlocking.

type ReservationOperations = Pick<LedgerRepository, "reserve" | "settle" | "release" | "counters">;

/** Thrown inside a transaction to roll it back and still answer with `result`. */
class RollBack<T> {
  constructor(readonly result: T) {}
}

async function rolledBackOr<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RollBack) return error.result as T;
    throw error;
  }
}

async function counterRow(transaction: Kysely<Database>, key: LedgerCounterKey) {
  const row = await transaction
    .selectFrom("budget_counters")
    .select(["reserved_micros", "settled_micros"])
    .where(matchesKey(key))
    .executeTakeFirst();
  return {
    reservedMicros: Number(row?.reserved_micros ?? 0),
    settledMicros: Number(row?.settled_micros ?? 0),
  };
}

/** reserve / settle / release / counters over `budget_counters` and `budget_reservations`. */
export function createLedgerReservations(
  { db, kind, clock }: RepositoryContext,
  ledgerRows: LedgerRows,
): ReservationOperations {
  const statements: LedgerStatements =
    kind === "postgres" ? postgresLedgerStatements : portableLedgerStatements;

  return {
    async reserve(input) {
      if (input.reservationId.length === 0) throw invalidInput("reservationId", "must not be empty");
      const amountMicros = checkAmount(input.amountMicros, "amountMicros");
      const counters = lockOrder(
        input.counters.map((counter) => ({
          ...checkKey(counter),
          limitMicros: checkAmount(counter.limitMicros, "limitMicros"),
        })),
      );
      const runId = input.runId ?? null;
      const trail = ledgerRows(entriesFor(counters, "reserve", amountMicros, input.reservationId, runId));
      return rolledBackOr(() =>
        writeTransaction(db, kind, async (transaction): Promise<LedgerReserveResult> => {
          const now = isoNow(clock);
          const outcome = await statements.charge(transaction, {
            reservation: {
              id: input.reservationId,
              run_id: runId,
              amount_micros: amountMicros,
              actual_micros: null,
              counters: toJsonText(counters.map(checkKey)),
              status: "reserved",
              label: input.label ?? null,
              created_at: now,
              finished_at: null,
            },
            counters,
            amountMicros,
            trail,
            now,
          });
          if (outcome.kind === "charged") return { ok: true };
          // A retry of a reservation already made: it holds already; write nothing more.
          if (outcome.kind === "duplicate") throw new RollBack<LedgerReserveResult>({ ok: true });
          // This transaction never charged the refusing counter, so its row shows where it stands.
          const standing = await counterRow(transaction, outcome.counter);
          throw new RollBack<LedgerReserveResult>({ ok: false, counter: outcome.counter, ...standing });
        }),
      );
    },

    async settle(reservationId, actualMicros) {
      const actual = checkAmount(actualMicros, "actualMicros");
      return statements.finish(db, kind, {
        reservationId,
        actualMicros: actual,
        now: isoNow(clock),
        ledgerRows,
      });
    },

    async release(reservationId) {
      return statements.finish(db, kind, {
        reservationId,
        actualMicros: null,
        now: isoNow(clock),
        ledgerRows,
      });
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
