import { hashJson, type JsonValue } from "../../core/index.js";
import type { ApprovalAuditWrite, Store } from "../../store/index.js";
import {
  approvalAlreadyDecided,
  approvalArgumentsMismatch,
  approvalInvalidInput,
  approvalNotFound,
} from "./approval-errors.js";
import { approvalSignatureValid, checkSignableField, signApproval } from "./approval-signature.js";
import type { ApprovalCall, ApprovalRecord, Approvals } from "./approval-spec.js";

export interface CreateApprovalsOptions {
  /** Where approvals are kept; decisions are audited in the same transaction. */
  store: Pick<Store, "approvals">;
  /** The signing key (`resolveApprovalSecret`); never stored in the database. */
  secret: string | Uint8Array;
}

/** Audit actions the approvals write. */
export const approvalAuditActions = {
  request: "approval.request",
  approve: "approval.approve",
  deny: "approval.deny",
} as const;

const maximumNoteLength = 2000;

/** Approvals over the store, signed with an HMAC key that lives outside it. */
export function createApprovals(options: CreateApprovalsOptions): Approvals {
  const secret = typeof options.secret === "string" ? Buffer.from(options.secret, "utf8") : options.secret;
  if (secret.length === 0) throw approvalInvalidInput("secret", "must not be empty");
  const repository = options.store.approvals;

  const requestAudit: ApprovalAuditWrite = (approval) => ({
    // The run asked: its agent is the actor. The person's decision is a separate entry.
    principal: { type: "agent", agent: approval.agent, runId: approval.runId },
    action: approvalAuditActions.request,
    resource: `tool:${approval.tool}`,
    decision: "require_approval",
    reason: approval.reason,
    details: approvalDetails(approval),
  });

  async function decide(
    id: string,
    status: "approved" | "denied",
    by: { approver: string; note?: string },
  ): Promise<ApprovalRecord> {
    const approver = by.approver.trim();
    if (approver.length === 0) throw approvalInvalidInput("approver", "must not be empty");
    const note = by.note?.trim() ? by.note.trim() : null;
    if (note !== null && note.length > maximumNoteLength) {
      throw approvalInvalidInput(
        "note",
        `must be at most ${maximumNoteLength} characters, got ${note.length}`,
      );
    }
    const current = await repository.get(id);
    if (current === undefined) throw approvalNotFound(id);
    if (current.status !== "pending") throw approvalAlreadyDecided(current);
    // The person saw `args`; signing a digest of other arguments would approve something unseen.
    if (status === "approved" && hashJson(current.args) !== current.argsDigest) {
      throw approvalArgumentsMismatch(current);
    }
    const signature = signApproval(secret, { ...current, decision: status });
    const result = await repository.decide(
      id,
      { status, approver, note, signature },
      {
        audit: (approval) => ({
          principal: { type: "approver", id: approver },
          action: status === "approved" ? approvalAuditActions.approve : approvalAuditActions.deny,
          resource: `tool:${approval.tool}`,
          decision: status,
          reason: note,
          details: { ...approvalDetails(approval), approver },
        }),
      },
    );
    if (result.outcome === "not-found") throw approvalNotFound(id);
    // Another decider won the race between our read and our update.
    if (result.outcome === "already-decided") throw approvalAlreadyDecided(result.approval);
    return result.approval;
  }

  return {
    async request(call) {
      const argsDigest = hashJson(call.args);
      const { approval } = await repository.create(
        {
          projectId: call.projectId,
          runId: checkSignableField("runId", call.runId),
          toolCallId: checkSignableField("toolCallId", call.toolCallId),
          tool: checkSignableField("tool", call.tool),
          agent: call.agent,
          argsDigest,
          args: call.args,
          reason: call.reason,
        },
        { audit: requestAudit },
      );
      return approval;
    },

    approve: (id, by) => decide(id, "approved", by),

    deny: (id, by) => decide(id, "denied", by),

    async check(call) {
      const approval = await repository.getByCall(call.runId, call.toolCallId);
      if (approval === undefined) return { state: "none" };
      if (approval.status === "pending") return { state: "pending", approval };
      const problem = checkProblem(secret, approval, call);
      if (problem !== undefined) return { state: "invalid", approval, problem };
      return approval.status === "approved" ? { state: "approved", approval } : { state: "denied", approval };
    },

    list: (listOptions = {}) => repository.list(listOptions),

    get: (id) => repository.get(id),
  };
}

function approvalDetails(approval: ApprovalRecord): Record<string, JsonValue> {
  return {
    runId: approval.runId,
    toolCallId: approval.toolCallId,
    argsDigest: approval.argsDigest,
    approvalId: approval.id,
    agent: approval.agent,
  };
}

// Why a decided approval does not count for this call, or undefined when it does. Each check closes a
// way around the signature: the call's own arguments and tool, the stored arguments shown to the
// person, and the signature over decision, run, call, tool and digest.
function checkProblem(secret: Uint8Array, approval: ApprovalRecord, call: ApprovalCall): string | undefined {
  if (approval.tool !== call.tool) {
    return `the approval is for tool ${approval.tool}, but the call is to ${call.tool}`;
  }
  const callDigest = hashJson(call.args);
  if (callDigest !== approval.argsDigest) {
    return `the approval was given for other arguments (digest ${short(approval.argsDigest)}, this call ${short(callDigest)})`;
  }
  if (hashJson(approval.args) !== approval.argsDigest) {
    return "the stored arguments do not match their digest: the approval row was edited";
  }
  if (approval.signature === null) return `the approval is ${approval.status} but carries no signature`;
  const fields = {
    decision: approval.status as "approved" | "denied",
    runId: approval.runId,
    toolCallId: approval.toolCallId,
    tool: approval.tool,
    argsDigest: approval.argsDigest,
  };
  if (!approvalSignatureValid(secret, fields, approval.signature)) {
    return "the signature does not match: the approval row was edited, or signed with another key";
  }
  return undefined;
}

const short = (digest: string) => digest.slice(0, 12);
