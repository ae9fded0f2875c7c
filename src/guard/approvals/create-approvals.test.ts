import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GantryError, hashJson, ManualClock } from "../../core/index.js";
import { openStore, type Store } from "../../store/index.js";
import { resolveApprovalSecret } from "./approval-secret.js";
import type { ApprovalCall, Approvals } from "./approval-spec.js";
import { createApprovals } from "./create-approvals.js";

const call: ApprovalCall = {
  runId: "run_prod",
  toolCallId: "call_1",
  tool: "destroy_environment",
  args: { environment: "production", confirm: true },
};
const request = { ...call, agent: "ops", reason: "destructive tool in production" };

let root: string;
let store: Store;
let approvals: Approvals;
const clock = new ManualClock(Date.UTC(2026, 10, 24, 9, 0, 0));

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), "gantry-approvals-"));
  store = await openStore({ root, clock });
  approvals = createApprovals({ store, secret: resolveApprovalSecret({ env: {}, root }) });
});
afterEach(async () => {
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    if (GantryError.isInstance(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe("createApprovals", () => {
  it("records a pending request once per call and audits it", async () => {
    expect(await approvals.check(call)).toEqual({ state: "none" });
    const pending = await approvals.request(request);
    expect(pending).toMatchObject({
      runId: "run_prod",
      tool: "destroy_environment",
      agent: "ops",
      argsDigest: hashJson(call.args),
      args: call.args,
      status: "pending",
      signature: null,
    });
    expect(await approvals.request(request)).toEqual(pending);
    expect(await approvals.check(call)).toEqual({ state: "pending", approval: pending });
    const audit = await store.audit.list({ runId: "run_prod" });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "approval.request",
      decision: "require_approval",
      resource: "tool:destroy_environment",
      reason: "destructive tool in production",
      details: { approvalId: pending.id, toolCallId: "call_1", argsDigest: hashJson(call.args) },
    });
  });

  it("approves with a signature over the exact call, audited with the approver as principal", async () => {
    const pending = await approvals.request(request);
    clock.advance(90_000);
    const approved = await approvals.approve(pending.id, { approver: "cli:alice", note: " looked at it " });
    expect(approved).toMatchObject({
      status: "approved",
      approver: "cli:alice",
      note: "looked at it",
      decidedAt: "2026-11-24T09:01:30.000Z",
    });
    expect(approved.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(await approvals.check(call)).toEqual({ state: "approved", approval: approved });
    const decision = (await store.audit.list({ runId: "run_prod" })).at(-1);
    expect(decision).toMatchObject({
      principal: { type: "approver", id: "cli:alice" },
      action: "approval.approve",
      resource: "tool:destroy_environment",
      decision: "approved",
      reason: "looked at it",
      details: {
        runId: "run_prod",
        toolCallId: "call_1",
        argsDigest: hashJson(call.args),
        approver: "cli:alice",
      },
    });
    expect(await store.audit.verify()).toEqual({ ok: true, checked: 2 });
  });

  it("denies, and a denial verifies as denied", async () => {
    const pending = await approvals.request(request);
    const denied = await approvals.deny(pending.id, { approver: "key_ops" });
    expect(denied).toMatchObject({ status: "denied", approver: "key_ops", note: null });
    expect(await approvals.check(call)).toMatchObject({ state: "denied" });
    expect((await store.audit.list()).at(-1)).toMatchObject({ action: "approval.deny", decision: "denied" });
  });

  it("does not apply an approval to other arguments or another tool", async () => {
    const pending = await approvals.request(request);
    await approvals.approve(pending.id, { approver: "cli:alice" });
    const otherArgs = await approvals.check({
      ...call,
      args: { environment: "production", confirm: true, all: true },
    });
    expect(otherArgs).toMatchObject({ state: "invalid" });
    expect(otherArgs.state === "invalid" && otherArgs.problem).toContain("other arguments");
    const otherTool = await approvals.check({ ...call, tool: "drop_database" });
    expect(otherTool.state === "invalid" && otherTool.problem).toContain("is for tool destroy_environment");
    // Key order does not matter: the digest is over canonical JSON.
    expect(
      await approvals.check({ ...call, args: { confirm: true, environment: "production" } }),
    ).toMatchObject({
      state: "approved",
    });
  });

  it("refuses a row edited in the database: a denial turned into an approval", async () => {
    const pending = await approvals.request(request);
    await approvals.deny(pending.id, { approver: "cli:alice" });
    await store.db
      .updateTable("approvals")
      .set({ status: "approved" })
      .where("id", "=", pending.id)
      .execute();
    const check = await approvals.check(call);
    expect(check.state).toBe("invalid");
    expect(check.state === "invalid" && check.problem).toContain("signature does not match");
  });

  it("refuses an approval moved to other arguments by editing digest and arguments together", async () => {
    const pending = await approvals.request(request);
    await approvals.approve(pending.id, { approver: "cli:alice" });
    const forgedArgs = { environment: "production", confirm: true, cascade: "everything" };
    await store.db
      .updateTable("approvals")
      .set({ args: JSON.stringify(forgedArgs), args_digest: hashJson(forgedArgs) })
      .where("id", "=", pending.id)
      .execute();
    const check = await approvals.check({ ...call, args: forgedArgs });
    expect(check.state === "invalid" && check.problem).toContain("signature does not match");
  });

  it("refuses an approval inserted straight into the database with a made-up signature", async () => {
    const pending = await approvals.request(request);
    await store.db
      .updateTable("approvals")
      .set({ status: "approved", approver: "cli:mallory", signature: "ab".repeat(32) })
      .where("id", "=", pending.id)
      .execute();
    expect(await approvals.check(call)).toMatchObject({ state: "invalid" });
    await store.db.updateTable("approvals").set({ signature: null }).where("id", "=", pending.id).execute();
    const unsigned = await approvals.check(call);
    expect(unsigned.state === "invalid" && unsigned.problem).toContain("no signature");
  });

  it("refuses a signature made with another secret", async () => {
    const forger = createApprovals({ store, secret: "another secret that is long enough!!" });
    const pending = await approvals.request(request);
    await forger.approve(pending.id, { approver: "cli:mallory" });
    expect(await forger.check(call)).toMatchObject({ state: "approved" });
    const check = await approvals.check(call);
    expect(check.state === "invalid" && check.problem).toContain("another key");
  });

  it("will not sign arguments other than those shown: stored arguments edited after the request", async () => {
    const pending = await approvals.request(request);
    await store.db
      .updateTable("approvals")
      .set({ args: JSON.stringify({ environment: "staging" }) })
      .where("id", "=", pending.id)
      .execute();
    expect(await codeOf(approvals.approve(pending.id, { approver: "cli:alice" }))).toBe(
      "APPROVAL_ARGUMENTS_MISMATCH",
    );
    expect((await approvals.deny(pending.id, { approver: "cli:alice" })).status).toBe("denied");
  });

  it("refuses to decide twice, an unknown id and an empty approver", async () => {
    const pending = await approvals.request(request);
    await approvals.approve(pending.id, { approver: "cli:alice" });
    expect(await codeOf(approvals.approve(pending.id, { approver: "cli:bob" }))).toBe(
      "APPROVAL_ALREADY_DECIDED",
    );
    expect(await codeOf(approvals.deny(pending.id, { approver: "cli:bob" }))).toBe(
      "APPROVAL_ALREADY_DECIDED",
    );
    expect((await approvals.get(pending.id))?.approver).toBe("cli:alice");
    expect(await codeOf(approvals.approve("apv_missing", { approver: "cli:alice" }))).toBe(
      "APPROVAL_NOT_FOUND",
    );
    const other = await approvals.request({ ...request, toolCallId: "call_2" });
    expect(await codeOf(approvals.approve(other.id, { approver: "  " }))).toBe("APPROVAL_INVALID_INPUT");
    expect(await store.audit.list({ runId: "run_prod" })).toHaveLength(3);
  });

  it("lets exactly one of two racing deciders win", async () => {
    const pending = await approvals.request(request);
    const results = await Promise.allSettled([
      approvals.approve(pending.id, { approver: "cli:alice" }),
      approvals.deny(pending.id, { approver: "cli:bob" }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    const decisions = (await store.audit.list()).filter((entry) => entry.action !== "approval.request");
    expect(decisions).toHaveLength(1);
  });

  it("survives a restart: a new instance on the same store and key file still verifies", async () => {
    const pending = await approvals.request(request);
    await approvals.approve(pending.id, { approver: "cli:alice" });
    await store.close();
    store = await openStore({ root, clock });
    const restarted = createApprovals({ store, secret: resolveApprovalSecret({ env: {}, root }) });
    expect(await restarted.check(call)).toMatchObject({ state: "approved", approval: { id: pending.id } });
  });

  it("keeps several pending approvals apart: each run finds its own", async () => {
    const first = await approvals.request(request);
    const second = await approvals.request({
      ...request,
      runId: "run_other",
      args: { environment: "staging" },
    });
    await approvals.approve(second.id, { approver: "cli:alice" });
    expect(await approvals.check(call)).toMatchObject({ state: "pending", approval: { id: first.id } });
    expect(
      await approvals.check({ ...call, runId: "run_other", args: { environment: "staging" } }),
    ).toMatchObject({ state: "approved", approval: { id: second.id } });
    expect((await approvals.list({ status: "pending" })).map((item) => item.id)).toEqual([first.id]);
    expect((await approvals.list({ runId: "run_other" })).map((item) => item.id)).toEqual([second.id]);
  });
});
