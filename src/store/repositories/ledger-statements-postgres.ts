import { type Kysely, sql } from "kysely";
import type { Database } from "../database.js";
import type { LedgerCounterLimit, LedgerReserveResult } from "../ledger-spec.js";
import { preparedStatementMarker } from "../postgres-prepared-client.js";
import { keyText, ledgerEntryId } from "./ledger-counter-keys.js";
import {
  ensureCounters,
  finishedBefore,
  type LedgerStatements,
  portableLedgerStatements,
  type ReservePlan,
} from "./ledger-statements.js";

// The reservation writes on Postgres: one statement per operation, so reserve + settle is two round
// trips and two commits (issue 5: < 2 ms). A single statement is atomic by itself, so none needs an
// explicit transaction. Lock order: reserve locks its counters with SELECT … ORDER BY key FOR UPDATE;
// finish upserts them from the reservation's stored list, which lockOrder sorted the same way (UTF-8
// byte order, what the `collate "C"` key columns sort by). Every writer takes counter locks in one
// order, so concurrent writers wait for each other instead of deadlocking.

// Both statements are prepared once per connection: planning them costs about as much as running them.
const prepared = sql.raw(preparedStatementMarker);

const trailColumns = sql`(id, scope_kind, scope_id, window_key, kind, amount_micros, reservation_id, run_id, created_at)`;

function wantedValues(counters: readonly LedgerCounterLimit[]) {
  return sql.join(
    counters.map(
      (counter, position) =>
        sql`(${counter.scopeKind}::text, ${counter.scopeId}::text, ${counter.windowKey}::text, ${counter.limitMicros}::bigint, ${position}::integer)`,
    ),
  );
}

interface ReserveRow {
  /** The reservation id existed before this statement (a retry). */
  existed: boolean;
  /** How many of the counters exist (and are now locked). */
  found: number;
  /** Every counter had room, so all were charged. */
  ok: boolean;
  /** The locked counters as [kind, id, window, reserved, settled], read under their locks. */
  standing: [string, string, string, number, number][] | null;
}

/**
 * Locks the existing counters in key order, checks every one has room, and only then writes the
 * reservation, the holds and the trail — or nothing. Counters that do not exist yet are reported by
 * `found` (the caller creates them and tries again).
 */
async function reserveOnce(db: Kysely<Database>, plan: ReservePlan): Promise<ReserveRow> {
  const { reservation, amountMicros: amount, now, counters } = plan;
  // The trail is written from `wanted` with the ids entriesFor gives (plan.trail holds the same rows).
  const reservePrefix = ledgerEntryId(reservation.id, "reserve", 0).slice(0, -1);
  const result = await sql<ReserveRow>`${prepared}
    with wanted (scope_kind, scope_id, window_key, limit_micros, position) as (values ${wantedValues(counters)}),
    locked as (
      select counter.scope_kind, counter.scope_id, counter.window_key, counter.reserved_micros,
        counter.settled_micros, wanted.limit_micros
      from budget_counters as counter
      join wanted using (scope_kind, scope_id, window_key)
      order by counter.scope_kind, counter.scope_id, counter.window_key
      for update of counter
    ),
    verdict as (
      select count(*) = ${counters.length}
        and bool_and(reserved_micros + settled_micros + ${amount}::bigint <= limit_micros) as ok
      from locked
    ),
    reservation as (
      insert into budget_reservations
        (id, run_id, amount_micros, actual_micros, counters, status, label, created_at, finished_at)
      select ${reservation.id}, ${reservation.run_id ?? null}, ${amount}::bigint, null,
        ${reservation.counters}, ${reservation.status}, ${reservation.label ?? null}, ${now}, null
      where (select ok from verdict)
      on conflict (id) do nothing
      returning id
    ),
    charged as (
      update budget_counters as counter
        set reserved_micros = counter.reserved_micros + ${amount}::bigint,
          limit_micros = wanted.limit_micros,
          updated_at = ${now}
        from wanted
        where counter.scope_kind = wanted.scope_kind and counter.scope_id = wanted.scope_id
          and counter.window_key = wanted.window_key and exists (select 1 from reservation)
    ),
    trail as (
      insert into budget_ledger ${trailColumns}
      select ${reservePrefix}::text || wanted.position, wanted.scope_kind, wanted.scope_id, wanted.window_key,
        'reserve', ${amount}::bigint, ${reservation.id}, ${reservation.run_id ?? null}, ${now}
      from wanted where exists (select 1 from reservation)
    )
    select
      exists (select 1 from budget_reservations where id = ${reservation.id}) as existed,
      (select count(*) from locked)::integer as found,
      coalesce((select ok from verdict), false) as ok,
      (select json_agg(json_build_array(scope_kind, scope_id, window_key, reserved_micros, settled_micros))
        from locked) as standing
  `.execute(db);
  return result.rows[0]!;
}

function refusal(plan: ReservePlan, row: ReserveRow): LedgerReserveResult {
  const standing = new Map(
    (row.standing ?? []).map(([scopeKind, scopeId, windowKey, reserved, settled]) => [
      `${scopeKind}\u0000${scopeId}\u0000${windowKey}`,
      { reservedMicros: Number(reserved), settledMicros: Number(settled) },
    ]),
  );
  for (const counter of plan.counters) {
    const found = standing.get(keyText(counter)) ?? { reservedMicros: 0, settledMicros: 0 };
    if (found.reservedMicros + found.settledMicros + plan.amountMicros > counter.limitMicros) {
      return { ok: false, counter, ...found };
    }
  }
  throw new Error("unreachable: a refused reservation has a counter without room");
}

export const postgresLedgerStatements: LedgerStatements = {
  async reserve(db, kind, plan) {
    if (plan.counters.length === 0) return portableLedgerStatements.reserve(db, kind, plan);
    let row = await reserveOnce(db, plan);
    // First use of a counter (a new run, a new day): create it, then reserve. Created counters are
    // never deleted, so a second attempt finds them all.
    if (row.found < plan.counters.length && !row.existed) {
      await ensureCounters(db, plan);
      row = await reserveOnce(db, plan);
    }
    if (row.existed || row.ok) return { ok: true };
    return refusal(plan, row);
  },

  async finish(db, _kind, { reservationId, actualMicros, now }) {
    const status = actualMicros === null ? "released" : "settled";
    const actual = actualMicros ?? 0;
    // Claim the reservation (once), move each counter (in the stored lock order) from held to spent,
    // and write the trail with the ids entriesFor gives.
    const settlePrefix = ledgerEntryId(reservationId, "settle", 0).slice(0, -1);
    const releasePrefix = ledgerEntryId(reservationId, "release", 0).slice(0, -1);
    const result = await sql<{ claimed: number; previous: string | null }>`${prepared}
      with claimed as (
        update budget_reservations
          set status = ${status}, actual_micros = ${actualMicros}::bigint, finished_at = ${now}
          where id = ${reservationId} and status = 'reserved'
          returning amount_micros, counters, run_id
      ),
      held as (
        select held.value ->> 'scopeKind' as scope_kind, held.value ->> 'scopeId' as scope_id,
          held.value ->> 'windowKey' as window_key, held.position - 1 as position
        from claimed
        cross join jsonb_array_elements(claimed.counters::jsonb) with ordinality as held (value, position)
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
        select ${settlePrefix}::text || held.position, held.scope_kind, held.scope_id, held.window_key,
          'settle', ${actual}::bigint, ${reservationId}, claimed.run_id, ${now}
        from held cross join claimed where ${status} = 'settled'
        union all
        select ${releasePrefix}::text || held.position, held.scope_kind, held.scope_id, held.window_key,
          'release', claimed.amount_micros, ${reservationId}, claimed.run_id, ${now}
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
