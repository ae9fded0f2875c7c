import { type Insertable, sql } from "kysely";
import type { BudgetLedgerTable } from "../database.js";
import type { LedgerScopeKind } from "../ledger-spec.js";
import { keyText, ledgerEntryId } from "./ledger-counter-keys.js";
import { finishedBefore, type LedgerStatements, portableLedgerStatements } from "./ledger-statements.js";

// The reservation writes on Postgres, each one statement, so reserve + settle costs a handful of round
// trips (issue 5: < 2 ms). Counters are written with INSERT … ON CONFLICT DO UPDATE: its source rows
// are processed in order, each counter locked as it is reached, so counters are locked in lockOrder's
// order by every writer and concurrent writers wait instead of deadlocking. The charge's WHERE is
// evaluated on the newest row version once its lock is held: two transactions can never both see room
// for the last dollar.

const trailColumns = sql`(id, scope_kind, scope_id, window_key, kind, amount_micros, reservation_id, run_id, created_at)`;

function trailValues(trail: readonly Insertable<BudgetLedgerTable>[]) {
  return sql.join(
    trail.map(
      (row) =>
        sql`(${row.id}::text, ${row.scope_kind}::text, ${row.scope_id}::text, ${row.window_key}::text, ${row.kind}::text, ${row.amount_micros}::bigint, ${row.reservation_id ?? null}::text, ${row.run_id ?? null}::text, ${row.created_at}::text)`,
    ),
  );
}

export const postgresLedgerStatements: LedgerStatements = {
  async charge(transaction, plan) {
    if (plan.counters.length === 0) return portableLedgerStatements.charge(transaction, plan);
    const { reservation, amountMicros: amount, now } = plan;
    const wanted = sql.join(
      plan.counters.map(
        (counter) =>
          sql`(${counter.scopeKind}::text, ${counter.scopeId}::text, ${counter.windowKey}::text, ${counter.limitMicros}::bigint)`,
      ),
    );
    // Reservation, holds and trail in one statement; nothing is charged or written when the
    // reservation exists already (a retry). A refusal leaves other counters charged: the caller rolls back.
    const result = await sql<{ inserted: number; charged: string[][] | null }>`
      with reservation as (
        insert into budget_reservations
          (id, run_id, amount_micros, actual_micros, counters, status, label, created_at, finished_at)
        values (${reservation.id}, ${reservation.run_id ?? null}, ${amount}::bigint, null,
          ${reservation.counters}, ${reservation.status}, ${reservation.label ?? null}, ${now}, null)
        on conflict (id) do nothing
        returning id
      ),
      charged as (
        insert into budget_counters as counter
          (scope_kind, scope_id, window_key, limit_micros, reserved_micros, settled_micros, updated_at)
        select wanted.scope_kind, wanted.scope_id, wanted.window_key, wanted.limit_micros,
          ${amount}::bigint, 0, ${now}
        from (values ${wanted}) as wanted (scope_kind, scope_id, window_key, limit_micros)
        where exists (select 1 from reservation) and ${amount}::bigint <= wanted.limit_micros
        on conflict (scope_kind, scope_id, window_key) do update
          set reserved_micros = counter.reserved_micros + ${amount}::bigint,
            limit_micros = excluded.limit_micros,
            updated_at = excluded.updated_at
          where counter.reserved_micros + counter.settled_micros + ${amount}::bigint <= excluded.limit_micros
        returning counter.scope_kind, counter.scope_id, counter.window_key
      ),
      trail as (
        insert into budget_ledger ${trailColumns}
        select * from (values ${trailValues(plan.trail)}) as entry
        where exists (select 1 from reservation)
      )
      select
        (select count(*) from reservation)::integer as inserted,
        (select json_agg(json_build_array(scope_kind, scope_id, window_key)) from charged) as charged
    `.execute(transaction);
    const row = result.rows[0]!;
    if (row.inserted === 0) return { kind: "duplicate" };
    const charged = new Set(
      (row.charged ?? []).map(([scopeKind, scopeId, windowKey]) =>
        keyText({ scopeKind: scopeKind as LedgerScopeKind, scopeId: scopeId!, windowKey: windowKey! }),
      ),
    );
    const refused = plan.counters.find((counter) => !charged.has(keyText(counter)));
    return refused === undefined ? { kind: "charged" } : { kind: "refused", counter: refused };
  },

  async finish(db, _kind, { reservationId, actualMicros, now }) {
    const status = actualMicros === null ? "released" : "settled";
    const actual = actualMicros ?? 0;
    // One statement, so atomic without a transaction: claim the reservation (once), move each counter
    // (in the stored lock order) from held to spent, and write the trail with the ids entriesFor gives.
    const settleId = ledgerEntryId(reservationId, "settle", 0).slice(0, -1);
    const releaseId = ledgerEntryId(reservationId, "release", 0).slice(0, -1);
    const result = await sql<{ claimed: number; previous: string | null }>`
      with claimed as (
        update budget_reservations
          set status = ${status}, actual_micros = ${actualMicros}::bigint, finished_at = ${now}
          where id = ${reservationId} and status = 'reserved'
          returning amount_micros, counters, run_id
      ),
      held as (
        select held.value ->> 'scopeKind' as scope_kind, held.value ->> 'scopeId' as scope_id,
          held.value ->> 'windowKey' as window_key, held.position - 1 as position
        from claimed cross join jsonb_array_elements(claimed.counters::jsonb) with ordinality as held (value, position)
      ),
      moved as (
        insert into budget_counters as counter
          (scope_kind, scope_id, window_key, limit_micros, reserved_micros, settled_micros, updated_at)
        select scope_kind, scope_id, window_key, null, 0, ${actual}::bigint, ${now} from held order by position
        on conflict (scope_kind, scope_id, window_key) do update
          set reserved_micros = counter.reserved_micros - (select amount_micros from claimed),
            settled_micros = counter.settled_micros + excluded.settled_micros,
            updated_at = excluded.updated_at
      ),
      trail as (
        insert into budget_ledger ${trailColumns}
        select ${settleId}::text || held.position, held.scope_kind, held.scope_id, held.window_key, 'settle',
          ${actual}::bigint, ${reservationId}, claimed.run_id, ${now}
        from held cross join claimed where ${status} = 'settled'
        union all
        select ${releaseId}::text || held.position, held.scope_kind, held.scope_id, held.window_key, 'release',
          claimed.amount_micros, ${reservationId}, claimed.run_id, ${now}
        from held cross join claimed
      )
      select (select count(*) from claimed)::integer as claimed,
        (select status from budget_reservations where id = ${reservationId}) as previous
    `.execute(db);
    const row = result.rows[0]!;
    if (row.claimed === 1) return status;
    // `previous` is read from the statement's snapshot: 'reserved' means another settle or release
    // finished it while this one waited for its lock; read again to tell which.
    if (row.previous === "reserved") return finishedBefore(db, reservationId);
    if (row.previous === null) return "unknown";
    return row.previous === "settled" ? "already-settled" : "already-released";
  },
};
