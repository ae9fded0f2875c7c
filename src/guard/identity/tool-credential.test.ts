import { describe, expect, it } from "vitest";
import { ManualClock } from "../../core/index.js";
import { mintToolCredential, toolCredentialSecret, verifyToolCredential } from "./tool-credential.js";

const secret = new Uint8Array(32).fill(7);
const principal = { project: "default", agent: "triage", runId: "run_1", delegation: [] };
const clock = new ManualClock(1_800_000_000_000);

function mint(args = { orderId: "A-1", amountUsd: 10 }) {
  return mintToolCredential({
    secret,
    tool: "issue_refund",
    args,
    runId: "run_1",
    toolCallId: "call_1",
    principal,
    clock,
  });
}

describe("tool credentials", () => {
  it("verify for the call they were minted for", () => {
    const { token } = mint();
    expect(
      verifyToolCredential(
        secret,
        token,
        { tool: "issue_refund", args: { amountUsd: 10, orderId: "A-1" } },
        clock,
      ),
    ).toMatchObject({
      tool: "issue_refund",
      runId: "run_1",
      principal: { agent: "triage" },
    });
  });

  it("are refused for other arguments, another tool, another secret, a changed payload or after expiry", () => {
    const { token } = mint();
    const check =
      (t: string, tool = "issue_refund", args: object = { orderId: "A-1", amountUsd: 10 }, key = secret) =>
      () =>
        verifyToolCredential(key, t, { tool, args: args as never }, clock);
    expect(check(token, "issue_refund", { orderId: "A-1", amountUsd: 1000 })).toThrow(/other arguments/);
    expect(check(token, "delete_database")).toThrow(/not delete_database/);
    expect(check(token, "issue_refund", undefined, new Uint8Array(32).fill(8))).toThrow(/bad signature/);
    const [payload, signature] = token.split(".");
    const forged = Buffer.from(
      Buffer.from(payload!, "base64url").toString().replace("run_1", "run_2"),
    ).toString("base64url");
    expect(check(`${forged}.${signature}`)).toThrow(/bad signature/);
    expect(check("garbage")).toThrow(/malformed/);
    clock.advance(300_001);
    expect(check(token)).toThrow(/expired/);
  });
});

describe("toolCredentialSecret", () => {
  it("derives one stable key per approval key, never the approval key itself", () => {
    const approvalKey = new Uint8Array(32).fill(3);
    const derived = toolCredentialSecret(approvalKey);
    expect(derived).toHaveLength(32);
    expect(Buffer.from(derived).equals(Buffer.from(toolCredentialSecret(approvalKey)))).toBe(true);
    expect(Buffer.from(derived).equals(Buffer.from(approvalKey))).toBe(false);
    expect(Buffer.from(derived).equals(Buffer.from(toolCredentialSecret(new Uint8Array(32).fill(4))))).toBe(
      false,
    );
  });
});
