import { join } from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { hashJson } from "../../src/core/index.js";
import { createApprovals, resolveApprovalSecret } from "../../src/guard/index.js";
import { openStore } from "../../src/store/index.js";
import { ensureBuilt, runGantry } from "../support/built-package.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";

// `gantry audit` as a user runs it (acceptance 3 of the enforcement issue): the built binary verifies
// the chain of a store that was then edited behind Gantry's back with better-sqlite3.

beforeAll(() => ensureBuilt(), 180_000);

const workspaceConfig = `export default { models: { tiers: { small: ["sim:fast"] } } };`;
const env = { GANTRY_APPROVAL_SECRET: undefined, GANTRY_DATABASE_URL: undefined };
const args = { environment: "production" };
const chain = {
  apiKeyId: "key_ops",
  project: "default",
  agent: "ops",
  agentVersion: "1.0.0",
  runId: "run_prod",
  delegation: [],
};

// What the runtime's enforcement point writes for one call held for approval, approved and run.
async function seeded(): Promise<string> {
  const root = temporaryWorkspace(workspaceConfig);
  const store = await openStore({ root });
  try {
    const common = {
      runId: "run_prod",
      toolCallId: "call_1",
      agentVersion: "1.0.0",
      argsDigest: hashJson(args),
      traceId: "trace_1",
    };
    await store.audit.append({
      principal: chain,
      action: "tool.propose",
      resource: "tool:destroy_environment",
      decision: "require_approval",
      reason: "destructive tool in production",
      details: {
        ...common,
        policyDigest: "c".repeat(64),
        policies: ["policies/prod.cedar:4"],
        invariant: "no-prod-deletes",
      },
    });
    const approvals = createApprovals({ store, secret: resolveApprovalSecret({ env: {}, root }) });
    const approval = await approvals.request({
      runId: "run_prod",
      toolCallId: "call_1",
      tool: "destroy_environment",
      args,
      agent: "ops",
      reason: "destructive tool in production",
    });
    await approvals.approve(approval.id, { approver: "cli:alice", note: "ticket 42" });
    await store.audit.append({
      principal: chain,
      action: "tool.execute",
      resource: "tool:destroy_environment",
      decision: "executed",
      details: { ...common, resultDigest: "r".repeat(64), costMicros: 2500 },
    });
    await store.audit.append({
      principal: { ...chain, runId: "run_other" },
      action: "tool.propose",
      resource: "tool:list_environments",
      decision: "allow",
      details: { runId: "run_other", toolCallId: "call_2" },
    });
  } finally {
    await store.close();
  }
  return root;
}

const gantry = (root: string, ...rest: string[]) => runGantry([...rest, "--workspace", root], { env });

function editDatabase(root: string, statement: string): void {
  const database = new Database(join(root, ".gantry", "gantry.db"));
  try {
    database.prepare(statement).run();
  } finally {
    database.close();
  }
}

describe("gantry audit verify", () => {
  it("exits 0 on an intact chain and prints the head to anchor elsewhere", async () => {
    const root = await seeded();
    const result = await gantry(root, "audit", "verify");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("audit log intact: 5 entries verified");
    expect(result.stdout).toMatch(/head: entry 5, hash [0-9a-f]{64}/);
  });

  it("exits 1 naming the sequence of a row modified in the SQLite file", async () => {
    const root = await seeded();
    editDatabase(root, "update audit_log set decision = 'allow' where sequence = 3");
    const result = await gantry(root, "audit", "verify");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("audit log broken at entry 3 (edited)");
    const json = JSON.parse((await gantry(root, "audit", "verify", "--json")).stdout);
    expect(json).toMatchObject({ ok: false, checked: 2, firstBrokenSequence: 3, problem: "edited" });
  });

  it("exits 1 naming the sequence of a row deleted from the SQLite file", async () => {
    const root = await seeded();
    editDatabase(root, "delete from audit_log where sequence = 2");
    const result = await gantry(root, "audit", "verify");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("audit log broken at entry 2 (deleted)");
    expect(result.stdout).toContain("1 entries before it verify");
  });
});

describe("gantry audit replay", () => {
  it("shows the run's entries in order with principal, tool, hashes, policy, decision, approver, result, cost and trace", async () => {
    const root = await seeded();
    const result = await gantry(root, "audit", "replay", "run_prod");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const text = result.stdout;
    expect(text).toContain("audit replay of run_prod: 4 entries");
    const actions = [...text.matchAll(/^#\d+ \S+ \S+\s+(\S+)/gm)].map((match) => match[1]);
    expect(actions).toEqual(["tool.propose", "approval.request", "approval.approve", "tool.execute"]);
    expect(text).toContain("by key_ops › default › ops@1.0.0");
    expect(text).toContain(
      `args ${hashJson(args).slice(0, 12)} · policy cccccccccccc (policies/prod.cedar:4) · invariant no-prod-deletes`,
    );
    expect(text).toContain("by approver cli:alice");
    expect(text).toMatch(/approval\.approve destroy_environment\s+approved\s+ticket 42/);
    expect(text).toContain("result ok rrrrrrrrrrrr · cost $0.002500 · trace trace_1");
    expect(text).not.toContain("list_environments");

    const json = JSON.parse((await gantry(root, "audit", "replay", "run_prod", "--json")).stdout);
    expect(json.steps.map((step: { sequence: number }) => step.sequence)).toEqual([1, 2, 3, 4]);
    expect(json.steps[2]).toMatchObject({
      approver: "cli:alice",
      decision: "approved",
      tool: "destroy_environment",
    });
    expect(json.steps[0].details).toMatchObject({ toolCallId: "call_1", traceId: "trace_1" });
  });

  it("exits 2 with RUN_NOT_FOUND for a run with no entries and no record", async () => {
    const root = await seeded();
    const result = await gantry(root, "audit", "replay", "run_nope");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("[RUN_NOT_FOUND]");
  });
});

describe("gantry audit list", () => {
  it("lists the latest entries, oldest of them first, with a limit and a run filter", async () => {
    const root = await seeded();
    const latest = JSON.parse((await gantry(root, "audit", "list", "--limit", "2", "--json")).stdout);
    expect(latest.entries.map((entry: { sequence: number }) => entry.sequence)).toEqual([4, 5]);
    const table = await gantry(root, "audit", "list", "--run", "run_other");
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^5\s+\S+ \S+\s+tool\.propose\s+tool:list_environments\s+allow\s+run_other/);
  });
});
