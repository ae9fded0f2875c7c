import { type Selectable, sql } from "kysely";
import { newId } from "../../core/index.js";
import {
  type AlertSeverity,
  type AlertsRepository,
  alertSeverities,
  type StoredAlert,
} from "../alert-spec.js";
import type { AlertsTable } from "../database.js";
import { invalidInput } from "../store-errors.js";
import { fromJsonText, pageLimit, toJsonText } from "./column-values.js";
import { defaultProjectId } from "./projects-repository.js";
import type { RepositoryContext } from "./repository-context.js";

function toRecord(row: Selectable<AlertsTable>): StoredAlert {
  return {
    id: row.id,
    projectId: row.project_id,
    kind: row.kind,
    key: row.key,
    severity: row.severity as AlertSeverity,
    title: row.title,
    details: fromJsonText(row.details),
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    count: Number(row.count),
    resolvedAt: row.resolved_at,
  };
}

function checkSeverity(severity: string): AlertSeverity {
  if (!(alertSeverities as readonly string[]).includes(severity)) {
    throw invalidInput("severity", `must be one of ${alertSeverities.join(", ")}, got "${severity}"`);
  }
  return severity as AlertSeverity;
}

/** Alerts: open until resolved, at most one open per (project, key), enforced by a partial unique index. */
export function createAlertsRepository({ db, clock }: RepositoryContext): AlertsRepository {
  return {
    async report(report) {
      const severity = checkSeverity(report.severity);
      const details = toJsonText(report.details);
      // One statement: insert a new open alert, or, when the partial unique index on (project, key)
      // where resolved_at is null already holds one, update that one. Atomic across processes; a
      // count of 1 can only come from the insert, since an update always raises it past 1.
      const row = await db
        .insertInto("alerts")
        .values({
          id: newId("alr", clock),
          project_id: report.projectId ?? defaultProjectId,
          kind: report.kind,
          key: report.key,
          severity,
          title: report.title,
          details,
          first_seen_at: report.at,
          last_seen_at: report.at,
          count: 1,
          resolved_at: null,
        })
        .onConflict((conflict) =>
          conflict
            .columns(["project_id", "key"])
            .where(sql.ref("resolved_at"), "is", null)
            .doUpdateSet({
              severity,
              title: report.title,
              details,
              last_seen_at: report.at,
              count: sql`${sql.ref("alerts.count")} + 1`,
            }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      const alert = toRecord(row);
      return { alert, opened: alert.count === 1 };
    },

    async resolve(id, at) {
      const row = await db
        .updateTable("alerts")
        .set({ resolved_at: at })
        .where("id", "=", id)
        .where("resolved_at", "is", null)
        .returningAll()
        .executeTakeFirst();
      return row && toRecord(row);
    },

    async get(id) {
      const row = await db.selectFrom("alerts").selectAll().where("id", "=", id).executeTakeFirst();
      return row && toRecord(row);
    },

    async list(options = {}) {
      const limit = pageLimit(options.limit, 50, 500);
      const state = options.state ?? "open";
      if (!["open", "resolved", "all"].includes(state)) {
        throw invalidInput("state", `must be one of open, resolved, all, got "${state}"`);
      }
      let query = db.selectFrom("alerts").selectAll();
      if (options.projectId !== undefined) query = query.where("project_id", "=", options.projectId);
      if (options.kind !== undefined) query = query.where("kind", "=", options.kind);
      if (state === "open") query = query.where("resolved_at", "is", null);
      if (state === "resolved") query = query.where("resolved_at", "is not", null);
      const rows = await query.orderBy("last_seen_at", "desc").orderBy("id", "desc").limit(limit).execute();
      return rows.map(toRecord);
    },
  };
}
