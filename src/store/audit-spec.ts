import type { JsonValue } from "../core/index.js";

// Contract of the audit log: append-only, hash-chained, so an edit or a deletion is detectable.

/** `previousHash` of the first entry: 64 zeros. */
export const auditGenesisHash = "0".repeat(64);

export interface AuditEntry {
  /** 1, 2, 3… without gaps; the order of the chain. */
  sequence: number;
  id: string;
  time: string;
  projectId: string;
  /** Who acted: e.g. `{ type: "apiKey", id: "key_…" }`. */
  principal: Record<string, JsonValue>;
  action: string;
  resource: string;
  /** e.g. `allow`, `deny`, `require_approval`. */
  decision: string;
  reason: string | null;
  details: Record<string, JsonValue>;
  previousHash: string;
  /** sha256 of the canonical JSON of every other field (including `previousHash`). */
  hash: string;
}

/** What broke the chain: a row changed, a row missing, or a row that no longer links to its predecessor. */
export type AuditProblem = "edited" | "deleted" | "relinked";

export interface NewAuditEntry {
  /** Defaults to `default`. */
  projectId?: string;
  principal: Record<string, JsonValue>;
  action: string;
  resource: string;
  decision: string;
  reason?: string | null;
  /** `details.runId`, when a string, is also stored in an indexed column: `list({ runId })` finds it. */
  details?: Record<string, JsonValue>;
}

export interface AuditVerification {
  ok: boolean;
  /** Entries examined before the first problem (all of them when `ok`). */
  checked: number;
  firstBrokenSequence?: number;
  problem?: AuditProblem;
  reason?: string;
}

export interface AuditListOptions {
  since?: number;
  limit?: number;
  projectId?: string;
  runId?: string;
}

export interface AuditRepository {
  /** Appends an entry to the chain; concurrent appends are serialised so the chain never forks. */
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /**
   * Entries with `sequence > since` (default 0), oldest first; limit 1..1000, default 100. `runId`
   * keeps the entries whose `details.runId` is that run (the runtime's and the approvals').
   */
  list(options?: AuditListOptions): Promise<AuditEntry[]>;
  /** Recomputes the whole chain: detects edited rows, deleted rows (sequence gaps) and relinked rows. */
  verify(): Promise<AuditVerification>;
}
