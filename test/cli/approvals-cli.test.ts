import { userInfo } from "node:os";
import { beforeAll, describe, expect, it } from "vitest";
import { hashJson } from "../../src/core/index.js";
import { createApprovals, resolveApprovalSecret } from "../../src/guard/index.js";
import { openStore } from "../../src/store/index.js";
import { ensureBuilt, runGantry } from "../support/built-package.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";

// `gantry approvals` as a user runs it: the built binary on a workspace whose store holds approvals
// requested the way the runtime requests them.

beforeAll(() => ensureBuilt(), 180_000);

const workspaceConfig = `export default { models: { tiers: { small: ["sim:fast"] } } };`;
// The CLI must find the workspace's key file, not a secret from the test's environment.
const env = { GANTRY_APPROVAL_SECRET: undefined, GANTRY_DATABASE_URL: undefined };
const destroy = { environment: "production", confirm: true };

async function seeded(): Promise<{ root: string; ids: string[] }> {
  const root = temporaryWorkspace(workspaceConfig);
  const store = await openStore({ root });
  try {
    const approvals = createApprovals({ store, secret: resolveApprovalSecret({ env: {}, root }) });
    const first = await approvals.request({
      runId: "run_prod",
      toolCallId: "call_1",
      tool: "destroy_environment",
      args: destroy,
      agent: "ops",
      reason: "destructive tool in production",
    });
    const second = await approvals.request({
      runId: "run_other",
      toolCallId: "call_9",
      tool: "send_email",
      args: { to: "all@example.com" },
      agent: "mailer",
      reason: "mass mail",
    });
    return { root, ids: [first.id, second.id] };
  } finally {
    await store.close();
  }
}

const gantry = (root: string, ...args: string[]) => runGantry([...args, "--workspace", root], { env });

describe("gantry approvals", () => {
  it("lists waiting approvals as a table and as the API's JSON, filtered by status and run", async () => {
    const { root, ids } = await seeded();
    const table = await gantry(root, "approvals", "list");
    expect(table.stderr).toBe("");
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split("\n");
    expect(lines[0]).toMatch(
      /^requested \(UTC\)\s+approval\s+status\s+run\s+agent\s+tool\s+arguments\s+reason$/,
    );
    expect(lines[1]).toContain(ids[1]);
    expect(lines[2]).toMatch(
      /pending\s+run_prod\s+ops\s+destroy_environment\s+\{"environment":"production","confirm":true\}\s+destructive tool in production$/,
    );

    const json = JSON.parse((await gantry(root, "approvals", "list", "--run", "run_prod", "--json")).stdout);
    expect(json.approvals).toHaveLength(1);
    expect(json.approvals[0]).toMatchObject({ id: ids[0], status: "pending", argsDigest: hashJson(destroy) });
    const none = JSON.parse(
      (await gantry(root, "approvals", "list", "--status", "approved", "--json")).stdout,
    );
    expect(none.approvals).toEqual([]);
    const bad = await gantry(root, "approvals", "list", "--status", "maybe");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("expected one of pending, approved, denied, got 'maybe'");
  });

  it("approves as cli:<os user>, prints the resume hint, and the run's check verifies the signature", async () => {
    const { root, ids } = await seeded();
    const result = await gantry(root, "approvals", "approve", ids[0]!, "--note", "change ticket 42");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`approved ${ids[0]}: destroy_environment`);
    expect(result.stdout).toContain("note   change ticket 42");
    expect(result.stdout).toContain("resume gantry run --resume run_prod");

    const store = await openStore({ root });
    try {
      const approvals = createApprovals({ store, secret: resolveApprovalSecret({ env: {}, root }) });
      const check = await approvals.check({
        runId: "run_prod",
        toolCallId: "call_1",
        tool: "destroy_environment",
        args: destroy,
      });
      expect(check).toMatchObject({
        state: "approved",
        approval: { approver: `cli:${userInfo().username}`, note: "change ticket 42" },
      });
      const entry = (await store.audit.list({ runId: "run_prod" })).at(-1);
      expect(entry).toMatchObject({
        action: "approval.approve",
        principal: { type: "approver", id: `cli:${userInfo().username}` },
      });
    } finally {
      await store.close();
    }
  });

  it("denies, then refuses a second decision with APPROVAL_ALREADY_DECIDED and an unknown id with exit 2", async () => {
    const { root, ids } = await seeded();
    const denied = await gantry(root, "approvals", "deny", ids[1]!, "--json");
    expect(denied.code).toBe(0);
    expect(JSON.parse(denied.stdout).approval).toMatchObject({ id: ids[1], status: "denied" });
    const again = await gantry(root, "approvals", "approve", ids[1]!);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("[APPROVAL_ALREADY_DECIDED]");
    expect(again.stderr).toContain("gantry run --resume run_other");
    const unknown = await gantry(root, "approvals", "deny", "apv_nope");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("[APPROVAL_NOT_FOUND]");
  });
});
