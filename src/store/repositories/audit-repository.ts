import type { Kysely, Selectable } from "kysely";
import { type Clock, hashJson, isoNow, type JsonValue, newId } from "../../core/index.js";
import {
  type AuditEntry,
  type AuditRepository,
  type AuditVerification,
  auditGenesisHash,
  type NewAuditEntry,
} from "../audit-spec.js";
import type { AuditLogTable, Database } from "../database.js";
import { lockKeys, writeTransaction } from "../write-transaction.js";
import { fromJsonText, pageLimit, toJsonText } from "./column-values.js";
import { defaultProjectId } from "./projects-repository.js";
import type { RepositoryContext } from "./repository-context.js";

// verify() walks the chain in pages so a long log never sits in memory at once.
const verifyPageSize = 1000;

function toRecord(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    sequence: Number(row.sequence),
    id: row.id,
    time: row.time,
    projectId: row.project_id,
    principal: fromJsonText<Record<string, JsonValue>>(row.principal),
    action: row.action,
    resource: row.resource,
    decision: row.decision,
    reason: row.reason,
    details: fromJsonText<Record<string, JsonValue>>(row.details),
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}

/** The hash of an entry: sha256 of the canonical JSON of every field but `hash` itself. */
export function auditEntryHash(entry: Omit<AuditEntry, "hash">): string {
  return hashJson({
    sequence: entry.sequence,
    id: entry.id,
    time: entry.time,
    projectId: entry.projectId,
    principal: entry.principal,
    action: entry.action,
    resource: entry.resource,
    decision: entry.decision,
    reason: entry.reason,
    details: entry.details,
    previousHash: entry.previousHash,
  });
}

/** The `run_id` column of an entry: its `details.runId` when that is a string (an index, not data). */
export function auditRunIdColumn(details: Record<string, JsonValue>): string | null {
  const runId = details.runId;
  return typeof runId === "string" ? runId : null;
}

async function chainHead(db: Kysely<Database>): Promise<{ sequence: number; hash: string }> {
  const head = await db
    .selectFrom("audit_log")
    .select(["sequence", "hash"])
    .orderBy("sequence", "desc")
    .limit(1)
    .executeTakeFirst();
  return head
    ? { sequence: Number(head.sequence), hash: head.hash }
    : { sequence: 0, hash: auditGenesisHash };
}

/**
 * Appends the next link. Only call it inside `writeTransaction(…, { lockKey: lockKeys.audit })` (or
 * SQLite's `BEGIN IMMEDIATE`), with that transaction's Kysely: reading the head and inserting must not
 * interleave with another appender. Other repositories use it to audit a change in the same transaction.
 */
export async function appendAuditEntry(
  transaction: Kysely<Database>,
  input: NewAuditEntry,
  clock: Clock,
): Promise<AuditEntry> {
  const head = await chainHead(transaction);
  const unhashed: Omit<AuditEntry, "hash"> = {
    sequence: head.sequence + 1,
    id: newId("audit", clock),
    time: isoNow(clock),
    projectId: input.projectId ?? defaultProjectId,
    principal: input.principal,
    action: input.action,
    resource: input.resource,
    decision: input.decision,
    reason: input.reason ?? null,
    details: input.details ?? {},
    previousHash: head.hash,
  };
  const entry: AuditEntry = { ...unhashed, hash: auditEntryHash(unhashed) };
  await transaction
    .insertInto("audit_log")
    .values({
      sequence: entry.sequence,
      id: entry.id,
      time: entry.time,
      project_id: entry.projectId,
      principal: toJsonText(entry.principal),
      action: entry.action,
      resource: entry.resource,
      decision: entry.decision,
      reason: entry.reason,
      details: toJsonText(entry.details),
      previous_hash: entry.previousHash,
      hash: entry.hash,
      run_id: auditRunIdColumn(entry.details),
    })
    .execute();
  return entry;
}

type Expected = { sequence: number; previousHash: string };

// The first problem of one stored row, given what the chain so far says it must be.
function rowProblem(row: Selectable<AuditLogTable>, expected: Expected): AuditVerification | undefined {
  const entry = toRecord(row);
  const broken = (sequence: number, problem: AuditVerification["problem"], reason: string) => ({
    ok: false,
    checked: expected.sequence - 1,
    firstBrokenSequence: sequence,
    problem,
    reason,
  });
  if (entry.sequence !== expected.sequence) {
    return broken(
      expected.sequence,
      "deleted",
      `entry ${expected.sequence} is missing (next stored entry is ${entry.sequence}): deleted`,
    );
  }
  if (entry.previousHash !== expected.previousHash) {
    return broken(
      entry.sequence,
      "relinked",
      `entry ${entry.sequence} does not link to the hash of entry ${entry.sequence - 1}: relinked, or entry ${entry.sequence - 1} was edited and re-hashed`,
    );
  }
  const { hash, ...unhashed } = entry;
  if (auditEntryHash(unhashed) !== hash) {
    return broken(
      entry.sequence,
      "edited",
      `entry ${entry.sequence} does not match its hash: edited after it was written`,
    );
  }
  if (row.run_id !== auditRunIdColumn(entry.details)) {
    return broken(
      entry.sequence,
      "edited",
      `entry ${entry.sequence}'s run_id column (${row.run_id ?? "null"}) differs from its details.runId: edited after it was written`,
    );
  }
  return undefined;
}

/** The audit log: append-only and hash-chained; there is deliberately no update or delete. */
export function createAuditRepository({ db, kind, clock }: RepositoryContext): AuditRepository {
  return {
    async append(input) {
      // Reading the head and inserting the next link happen under one write lock, so two appenders can
      // never both link to the same predecessor (a fork). The primary key on sequence backs this up.
      return writeTransaction(db, kind, (transaction) => appendAuditEntry(transaction, input, clock), {
        lockKey: lockKeys.audit,
      });
    },

    async list(options = {}) {
      const limit = pageLimit(options.limit, 100, 1000);
      let query = db
        .selectFrom("audit_log")
        .selectAll()
        .where("sequence", ">", options.since ?? 0);
      if (options.projectId !== undefined) query = query.where("project_id", "=", options.projectId);
      if (options.runId !== undefined) query = query.where("run_id", "=", options.runId);
      const rows = await query.orderBy("sequence").limit(limit).execute();
      return rows.map(toRecord);
    },

    async verify() {
      let expected: Expected = { sequence: 1, previousHash: auditGenesisHash };
      for (;;) {
        const rows = await db
          .selectFrom("audit_log")
          .selectAll()
          .where("sequence", ">=", expected.sequence)
          .orderBy("sequence")
          .limit(verifyPageSize)
          .execute();
        for (const row of rows) {
          const problem = rowProblem(row, expected);
          if (problem) return problem;
          expected = { sequence: Number(row.sequence) + 1, previousHash: row.hash };
        }
        if (rows.length < verifyPageSize) return { ok: true, checked: expected.sequence - 1 };
      }
    },
  };
}
