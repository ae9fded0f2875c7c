import { GantryError, type JsonValue } from "../../core/index.js";
import type { ApprovalRecord } from "./approval-spec.js";

// The approvals' error codes, in one place: APPROVAL_NOT_FOUND, APPROVAL_ALREADY_DECIDED,
// APPROVAL_INVALID_INPUT, APPROVAL_ARGUMENTS_MISMATCH, APPROVAL_SECRET_WEAK, APPROVAL_SECRET_UNSAFE
// (APPROVAL_SECRET_UNAVAILABLE is built in approval-secret.ts, next to the file it is about).

/** No approval has this id. */
export function approvalNotFound(id: string): GantryError {
  return new GantryError({
    code: "APPROVAL_NOT_FOUND",
    message: `No approval with id ${id} exists in this store`,
    domain: "POLICY",
    category: "USER",
    details: { approvalId: id },
    hint: "List the waiting ones with `gantry approvals list --status pending`.",
  });
}

/** The approval was approved or denied already; a decision is final. */
export function approvalAlreadyDecided(approval: ApprovalRecord): GantryError {
  return new GantryError({
    code: "APPROVAL_ALREADY_DECIDED",
    message: `Approval ${approval.id} was already ${approval.status} by ${approval.approver ?? "someone"} at ${approval.decidedAt ?? "an unknown time"}; a decision is final`,
    domain: "POLICY",
    category: "USER",
    details: {
      approvalId: approval.id,
      status: approval.status,
      approver: approval.approver,
      decidedAt: approval.decidedAt,
    },
    hint: `If the run should do something else, resume it and let it ask again: gantry run --resume ${approval.runId}`,
  });
}

/** A request or decision the approvals cannot sign faithfully. */
export function approvalInvalidInput(
  field: string,
  problem: string,
  details: Record<string, JsonValue> = {},
): GantryError {
  return new GantryError({
    code: "APPROVAL_INVALID_INPUT",
    message: `${field} ${problem}`,
    domain: "POLICY",
    category: "USER",
    details: { field, ...details },
  });
}

/** The stored arguments no longer hash to the digest the request was made for: someone edited the row. */
export function approvalArgumentsMismatch(approval: ApprovalRecord): GantryError {
  return new GantryError({
    code: "APPROVAL_ARGUMENTS_MISMATCH",
    message: `Approval ${approval.id} shows arguments that do not match the digest of the call it was requested for: the row was edited, so what you saw is not what would run`,
    domain: "POLICY",
    category: "USER",
    details: { approvalId: approval.id, argsDigest: approval.argsDigest },
    hint: `Deny it, check the database for tampering (gantry audit verify), and resume the run to ask again: gantry run --resume ${approval.runId}`,
  });
}

/** GANTRY_APPROVAL_SECRET is too short to make signatures nobody can guess. */
export function approvalSecretWeak(length: number): GantryError {
  return new GantryError({
    code: "APPROVAL_SECRET_WEAK",
    message: `GANTRY_APPROVAL_SECRET has ${length} characters; it needs at least 32`,
    domain: "CONFIG",
    category: "USER",
    details: { length },
    hint: "Set it to a random value, e.g. `openssl rand -hex 32`, or unset it to use .gantry/approval.key.",
  });
}

/** The key file can be read by other users of this machine. */
export function approvalSecretUnsafe(path: string, mode: number): GantryError {
  return new GantryError({
    code: "APPROVAL_SECRET_UNSAFE",
    message: `The approval key ${path} is readable by other users (mode ${(mode & 0o777).toString(8)}); anyone who reads it can forge approvals`,
    domain: "CONFIG",
    category: "USER",
    details: { path, mode: mode & 0o777 },
    hint: `Run \`chmod 600 ${path}\`.`,
  });
}
