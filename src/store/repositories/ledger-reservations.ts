import { isoNow } from "../../core/index.js";
import type { LedgerCounter, LedgerRepository, LedgerScopeKind } from "../ledger-spec.js";
import { invalidInput } from "../store-errors.js";
import { toJsonText } from "./column-values.js";
import { checkAmount, checkKey, entriesFor, keyText, lockOrder, matchesKey } from "./ledger-counter-keys.js";
import { type LedgerRows, type LedgerStatements, portableLedgerStatements } from "./ledger-statements.js";
import { postgresLedgerStatements } from "./ledger-statements-postgres.js";
import type { RepositoryContext } from "./repository-context.js";

// The atomic half of the ledger: counters that reservations are held against. Inputs are validated
// here; each operation is then one atomic unit of the dialect's statements. SQLite
// (ledger-statements.ts): a BEGIN IMMEDIATE transaction, which holds the database's write lock across
// processes, so the check and the charge cannot interleave with another writer. Postgres
// (ledger-statements-postgres.ts): one statement that locks the counters in key order and charges
// them only if every one has room. Counters are always locked in one order (lockOrder), so
// reservations over the same counters wait for each other instead of deadlocking.

type ReservationOperations = Pick<LedgerRepository, "reserve" | "settle" | "release" | "counters">;

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
      const now = isoNow(clock);
      return statements.reserve(db, kind, {
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
        trail: ledgerRows(entriesFor(counters, "reserve", amountMicros, input.reservationId, runId)),
        now,
      });
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
