import type { JsonValue } from "../../core/index.js";
import type { StoredApproval, StoredApprovalStatus } from "../../store/index.js";

// The contract of approvals. A `require_approval` decision pauses the run (a returned state) and
// records a pending approval for that exact call. A person approves or denies it (CLI, API,
// dashboard); the decision is signed with an HMAC over run id, tool call id, tool name and the
// arguments digest, so a resumed run accepts it only for the very call it was given for, and a row
// edited in the database (or an approval for other arguments) is refused. The model never approves.

export { storedApprovalStatuses as approvalStatuses } from "../../store/index.js";
export type ApprovalStatus = StoredApprovalStatus;

/**
 * An approval: the call it holds (run, tool call, tool, agent, arguments and their sha256 digest),
 * why (the policy's reason), and the decision once made: who, when, a note, and the hex HMAC-SHA256
 * over `approved|denied`, runId, toolCallId, tool, argsDigest (null while pending). The store keeps
 * exactly this shape.
 */
export type ApprovalRecord = StoredApproval;

export interface ApprovalCall {
  runId: string;
  toolCallId: string;
  tool: string;
  args: JsonValue;
}

/** What a resumed run learns about its call: only a valid signature over these exact arguments counts. */
export type ApprovalCheck =
  | { state: "approved"; approval: ApprovalRecord }
  | { state: "denied"; approval: ApprovalRecord }
  | { state: "pending"; approval: ApprovalRecord }
  | { state: "none" }
  /** A decision exists but its signature or arguments do not match: treated as not approved. */
  | { state: "invalid"; approval: ApprovalRecord; problem: string };

export interface Approvals {
  /** Records a pending approval for a call (idempotent per run id + tool call id). */
  request(
    call: ApprovalCall & { agent: string; reason: string; projectId?: string },
  ): Promise<ApprovalRecord>;
  approve(id: string, by: { approver: string; note?: string }): Promise<ApprovalRecord>;
  deny(id: string, by: { approver: string; note?: string }): Promise<ApprovalRecord>;
  /** Verifies the decision for a call: signature, tool, arguments digest. */
  check(call: ApprovalCall): Promise<ApprovalCheck>;
  list(options?: { status?: ApprovalStatus; runId?: string; limit?: number }): Promise<ApprovalRecord[]>;
  get(id: string): Promise<ApprovalRecord | undefined>;
}
