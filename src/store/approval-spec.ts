import type { JsonValue } from "../core/index.js";

// Contract of the approvals repository: one row per tool call a policy held for a person's decision.
// Only storage: what is signed, who may decide and what a decision means belong to src/guard.

/** Where an approval is: waiting for a person, or decided. */
export const storedApprovalStatuses = ["pending", "approved", "denied"] as const;
export type StoredApprovalStatus = (typeof storedApprovalStatuses)[number];

/** An approval as stored (src/guard's `ApprovalRecord` has the same shape). */
export interface StoredApproval {
  id: string;
  projectId: string;
  runId: string;
  toolCallId: string;
  tool: string;
  agent: string;
  argsDigest: string;
  args: JsonValue;
  reason: string;
  status: StoredApprovalStatus;
  requestedAt: string;
  decidedAt: string | null;
  approver: string | null;
  note: string | null;
  signature: string | null;
}

export interface NewStoredApproval {
  /** Defaults to `default`. */
  projectId?: string;
  runId: string;
  toolCallId: string;
  tool: string;
  agent: string;
  argsDigest: string;
  args: JsonValue;
  reason: string;
}

/** A decision to record on a pending approval. */
export interface StoredApprovalDecision {
  status: "approved" | "denied";
  approver: string;
  note: string | null;
  signature: string;
}

/**
 * How `decide` ended: `decided` (this call moved it out of pending), `already-decided` (it was not
 * pending; the stored record is returned unchanged) or `not-found`.
 */
export type StoredApprovalDecideResult =
  | { outcome: "decided"; approval: StoredApproval }
  | { outcome: "already-decided"; approval: StoredApproval }
  | { outcome: "not-found" };

export interface ApprovalListOptions {
  status?: StoredApprovalStatus;
  runId?: string;
  projectId?: string;
  /** 1..500, default 50. */
  limit?: number;
}

/** A write to the audit chain made in the same transaction as the approval change (see `decide`). */
export type ApprovalAuditWrite = (approval: StoredApproval) => {
  principal: Record<string, JsonValue>;
  action: string;
  resource: string;
  decision: string;
  reason?: string | null;
  details?: Record<string, JsonValue>;
};

export interface ApprovalsRepository {
  /**
   * Records a pending approval, idempotent per (run id, tool call id): when one exists it is returned
   * as stored (`created: false`), whatever the new input says. With `audit`, the audit entry is
   * appended in the same transaction, only when the row is created.
   */
  create(
    input: NewStoredApproval,
    options?: { audit?: ApprovalAuditWrite },
  ): Promise<{ approval: StoredApproval; created: boolean }>;
  get(id: string): Promise<StoredApproval | undefined>;
  /** The approval of one tool call of one run. */
  getByCall(runId: string, toolCallId: string): Promise<StoredApproval | undefined>;
  /**
   * Moves a pending approval to approved or denied, at most once across processes (a conditional
   * update). With `audit`, the audit entry is appended in the same transaction, only when it decided.
   */
  decide(
    id: string,
    decision: StoredApprovalDecision,
    options?: { audit?: ApprovalAuditWrite },
  ): Promise<StoredApprovalDecideResult>;
  /** Newest request first (id descending). */
  list(options?: ApprovalListOptions): Promise<StoredApproval[]>;
}
