import type { Kysely, Selectable } from "kysely";
import { hashJson, isoNow, type JsonValue, newId } from "../../core/index.js";
import { type AuditEntry, type AuditRepository, auditGenesisHash } from "../audit-spec.js";
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

/** The audit log: append-only and hash-chained; there is deliberately no update or delete. */
export function createAuditRepository({ db, kind, clock }: RepositoryContext): AuditRepository {
  return {
    async append(input) {
      // Reading the head and inserting the next link happen under one write lock, so two appenders can
      // never both link to the same predecessor (a fork). The primary key on sequence backs this up.
      return writeTransaction(
        db,
        kind,
        async (transaction) => {
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
            })
            .execute();
          return entry;
        },
        { lockKey: lockKeys.audit },
      );
    },

    async list(options = {}) {
      const limit = pageLimit(options.limit, 100, 1000);
      let query = db
        .selectFrom("audit_log")
        .selectAll()
        .where("sequence", ">", options.since ?? 0);
      if (options.projectId !== undefined) query = query.where("project_id", "=", options.projectId);
      const rows = await query.orderBy("sequence").limit(limit).execute();
      return rows.map(toRecord);
    },

    async verify() {
      let expected = { sequence: 1, previousHash: auditGenesisHash };
      let checked = 0;
      for (;;) {
        const rows = await db
          .selectFrom("audit_log")
          .selectAll()
          .where("sequence", ">=", expected.sequence)
          .orderBy("sequence")
          .limit(verifyPageSize)
          .execute();
        for (const row of rows) {
          const entry = toRecord(row);
          if (entry.sequence !== expected.sequence) {
            return {
              ok: false,
              checked,
              firstBrokenSequence: expected.sequence,
              reason: `entry ${expected.sequence} is missing (next stored entry is ${entry.sequence}): deleted`,
            };
          }
          if (entry.previousHash !== expected.previousHash) {
            return {
              ok: false,
              checked,
              firstBrokenSequence: entry.sequence,
              reason: `entry ${entry.sequence} does not link to the hash of entry ${entry.sequence - 1}`,
            };
          }
          const { hash, ...unhashed } = entry;
          if (auditEntryHash(unhashed) !== hash) {
            return {
              ok: false,
              checked,
              firstBrokenSequence: entry.sequence,
              reason: `entry ${entry.sequence} does not match its hash: edited after it was written`,
            };
          }
          checked += 1;
          expected = { sequence: entry.sequence + 1, previousHash: hash };
        }
        if (rows.length < verifyPageSize) return { ok: true, checked };
      }
    },
  };
}
