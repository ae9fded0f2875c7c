import type { Kysely, Selectable } from "kysely";
import { isoNow, newId } from "../../core/index.js";
import {
  type ApprovalAuditWrite,
  type ApprovalsRepository,
  type StoredApproval,
  type StoredApprovalStatus,
  storedApprovalStatuses,
} from "../approval-spec.js";
import type { ApprovalsTable, Database } from "../database.js";
import { invalidInput } from "../store-errors.js";
import { lockKeys, writeTransaction } from "../write-transaction.js";
import { appendAuditEntry } from "./audit-repository.js";
import { fromJsonText, pageLimit, toJsonText } from "./column-values.js";
import { defaultProjectId } from "./projects-repository.js";
import type { RepositoryContext } from "./repository-context.js";

function toRecord(row: Selectable<ApprovalsTable>): StoredApproval {
  return {
    id: row.id,
    projectId: row.project_id,
    runId: row.run_id,
    toolCallId: row.tool_call_id,
    tool: row.tool,
    agent: row.agent,
    argsDigest: row.args_digest,
    args: fromJsonText(row.args),
    reason: row.reason,
    status: row.status as StoredApprovalStatus,
    requestedAt: row.requested_at,
    decidedAt: row.decided_at,
    approver: row.approver,
    note: row.note,
    signature: row.signature,
  };
}

function checkStatus(status: string): StoredApprovalStatus {
  if (!(storedApprovalStatuses as readonly string[]).includes(status)) {
    throw invalidInput("status", `must be one of ${storedApprovalStatuses.join(", ")}, got "${status}"`);
  }
  return status as StoredApprovalStatus;
}

async function byId(db: Kysely<Database>, id: string): Promise<StoredApproval | undefined> {
  const row = await db.selectFrom("approvals").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toRecord(row);
}

async function byCall(
  db: Kysely<Database>,
  runId: string,
  toolCallId: string,
): Promise<StoredApproval | undefined> {
  const row = await db
    .selectFrom("approvals")
    .selectAll()
    .where("run_id", "=", runId)
    .where("tool_call_id", "=", toolCallId)
    .executeTakeFirst();
  return row && toRecord(row);
}

/** Approvals: pending requests and their decisions; a decision is recorded at most once. */
export function createApprovalsRepository({ db, kind, clock }: RepositoryContext): ApprovalsRepository {
  // With an audit write the change and its audit entry commit together, so the log never misses a
  // decision and never shows one that did not happen; the audit lock keeps the chain from forking.
  function inTransaction<T>(audited: boolean, work: (transaction: Kysely<Database>) => Promise<T>) {
    return writeTransaction(db, kind, work, audited ? { lockKey: lockKeys.audit } : {});
  }
  const audit = async (
    transaction: Kysely<Database>,
    write: ApprovalAuditWrite | undefined,
    approval: StoredApproval,
  ) => {
    if (write)
      await appendAuditEntry(transaction, { projectId: approval.projectId, ...write(approval) }, clock);
  };

  return {
    async create(input, options = {}) {
      return inTransaction(options.audit !== undefined, async (transaction) => {
        const row: Selectable<ApprovalsTable> = {
          id: newId("apv", clock),
          project_id: input.projectId ?? defaultProjectId,
          run_id: input.runId,
          tool_call_id: input.toolCallId,
          tool: input.tool,
          agent: input.agent,
          args_digest: input.argsDigest,
          args: toJsonText(input.args),
          reason: input.reason,
          status: "pending",
          requested_at: isoNow(clock),
          decided_at: null,
          approver: null,
          note: null,
          signature: null,
        };
        // The unique (run_id, tool_call_id) index makes a repeated request a no-op, across processes too.
        const inserted = await transaction
          .insertInto("approvals")
          .values(row)
          .onConflict((conflict) => conflict.columns(["run_id", "tool_call_id"]).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
          const existing = await byCall(transaction, input.runId, input.toolCallId);
          return { approval: existing!, created: false };
        }
        const approval = toRecord(row);
        await audit(transaction, options.audit, approval);
        return { approval, created: true };
      });
    },

    get: (id) => byId(db, id),

    getByCall: (runId, toolCallId) => byCall(db, runId, toolCallId),

    async decide(id, decision, options = {}) {
      checkStatus(decision.status);
      return inTransaction(options.audit !== undefined, async (transaction) => {
        // Conditional on pending: of two deciders (even in two processes) exactly one updates the row.
        const updated = await transaction
          .updateTable("approvals")
          .set({
            status: decision.status,
            decided_at: isoNow(clock),
            approver: decision.approver,
            note: decision.note,
            signature: decision.signature,
          })
          .where("id", "=", id)
          .where("status", "=", "pending")
          .executeTakeFirst();
        const approval = await byId(transaction, id);
        if (approval === undefined) return { outcome: "not-found" as const };
        if (Number(updated.numUpdatedRows) === 0) return { outcome: "already-decided" as const, approval };
        await audit(transaction, options.audit, approval);
        return { outcome: "decided" as const, approval };
      });
    },

    async list(options = {}) {
      const limit = pageLimit(options.limit, 50, 500);
      let query = db.selectFrom("approvals").selectAll();
      if (options.status !== undefined) query = query.where("status", "=", checkStatus(options.status));
      if (options.runId !== undefined) query = query.where("run_id", "=", options.runId);
      if (options.projectId !== undefined) query = query.where("project_id", "=", options.projectId);
      const rows = await query.orderBy("id", "desc").limit(limit).execute();
      return rows.map(toRecord);
    },
  };
}
