import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GantryError } from "../../core/index.js";
import {
  approvalMessage,
  approvalSignatureValid,
  type SignedApprovalFields,
  signApproval,
} from "./approval-signature.js";

const secret = Buffer.from("s".repeat(32));
const fields: SignedApprovalFields = {
  decision: "approved",
  runId: "run_1",
  toolCallId: "call_1",
  tool: "destroy_environment",
  argsDigest: "d".repeat(64),
};

describe("approval signatures", () => {
  it("is the hex HMAC-SHA256 of decision|runId|toolCallId|tool|argsDigest", () => {
    expect(approvalMessage(fields)).toBe(`approved|run_1|call_1|destroy_environment|${"d".repeat(64)}`);
    const expected = createHmac("sha256", secret).update(approvalMessage(fields)).digest("hex");
    expect(signApproval(secret, fields)).toBe(expected);
    expect(approvalSignatureValid(secret, fields, expected)).toBe(true);
  });

  it("does not verify for any other field, another key, or a malformed signature", () => {
    const signature = signApproval(secret, fields);
    for (const changed of [
      { ...fields, decision: "denied" as const },
      { ...fields, runId: "run_2" },
      { ...fields, toolCallId: "call_2" },
      { ...fields, tool: "list_environments" },
      { ...fields, argsDigest: "e".repeat(64) },
    ]) {
      expect(approvalSignatureValid(secret, changed, signature)).toBe(false);
    }
    expect(approvalSignatureValid(Buffer.from("t".repeat(32)), fields, signature)).toBe(false);
    expect(approvalSignatureValid(secret, fields, signature.toUpperCase())).toBe(false);
    expect(approvalSignatureValid(secret, fields, signature.slice(2))).toBe(false);
    expect(approvalSignatureValid(secret, fields, "")).toBe(false);
  });

  it("refuses a field with the separator, which would make two calls share a message", () => {
    let error: unknown;
    try {
      approvalMessage({ ...fields, runId: "run_1|call_1" });
    } catch (thrown) {
      error = thrown;
    }
    expect(GantryError.isInstance(error) && error.code).toBe("APPROVAL_INVALID_INPUT");
    expect(() => approvalMessage({ ...fields, tool: "" })).toThrow("must not be empty");
  });
});
