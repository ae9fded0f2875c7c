import { createHmac, timingSafeEqual } from "node:crypto";
import { approvalInvalidInput } from "./approval-errors.js";

// What an approval signs: the decision and the exact call. The fields are joined with `|`, so none
// may contain one (else two different calls could share a message); ids and tool names never do.

/** The fields of a call a decision is bound to. */
export interface SignedApprovalFields {
  decision: "approved" | "denied";
  runId: string;
  toolCallId: string;
  tool: string;
  argsDigest: string;
}

const separator = "|";
const signaturePattern = /^[0-9a-f]{64}$/;

/** Refuses a field that would make the signed message ambiguous. */
export function checkSignableField(field: string, value: string): string {
  if (value.length === 0) throw approvalInvalidInput(field, "must not be empty");
  if (value.includes(separator)) {
    throw approvalInvalidInput(field, `must not contain "${separator}", got "${value}"`, { value });
  }
  return value;
}

/** The signed message: `decision|runId|toolCallId|tool|argsDigest`. */
export function approvalMessage(fields: SignedApprovalFields): string {
  return [
    checkSignableField("decision", fields.decision),
    checkSignableField("runId", fields.runId),
    checkSignableField("toolCallId", fields.toolCallId),
    checkSignableField("tool", fields.tool),
    checkSignableField("argsDigest", fields.argsDigest),
  ].join(separator);
}

/** Hex HMAC-SHA256 of the message under the approvals secret. */
export function signApproval(secret: Uint8Array, fields: SignedApprovalFields): string {
  return createHmac("sha256", secret).update(approvalMessage(fields)).digest("hex");
}

/** True when `signature` is this secret's signature of these fields (compared in constant time). */
export function approvalSignatureValid(
  secret: Uint8Array,
  fields: SignedApprovalFields,
  signature: string,
): boolean {
  if (!signaturePattern.test(signature)) return false;
  const expected = Buffer.from(signApproval(secret, fields), "hex");
  return timingSafeEqual(expected, Buffer.from(signature, "hex"));
}
