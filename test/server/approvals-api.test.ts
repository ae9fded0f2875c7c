import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadWorkspace } from "../../src/core/index.js";
import { type Approvals, createApprovals, mintApiKey, resolveApprovalSecret } from "../../src/guard/index.js";
import { type RunningServer, startServer } from "../../src/server/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { readJson } from "../support/read-json.js";

// The approvals and audit API on a real server on loopback over a SQLite store. Approvals are
// requested the way the runtime requests them, with the workspace's key file, so a decision made over
// HTTP must verify for the run afterwards.

const noKeys = { OPENAI_API_KEY: "", ANTHROPIC_API_KEY: "", OLLAMA_BASE_URL: "", GANTRY_APPROVAL_SECRET: "" };
const config = `export default { models: { tiers: { small: ["sim:fast"] } } };`;
const destroy = {
  runId: "run_prod",
  toolCallId: "call_1",
  tool: "destroy_environment",
  args: { environment: "production" },
};

let root: string;
let store: Store;
let server: RunningServer | undefined;
let approvals: Approvals;
let pendingId: string;

async function start(): Promise<RunningServer> {
  server = await startServer({
    workspace: await loadWorkspace(root),
    store,
    host: "127.0.0.1",
    port: 0,
    env: noKeys,
  });
  return server;
}

async function createKey(scopes: string[]): Promise<{ secret: string; id: string }> {
  const minted = mintApiKey();
  const record = await store.apiKeys.create({
    projectId: "default",
    name: scopes.join("+"),
    prefix: minted.prefix,
    secretHash: minted.secretHash,
    scopes,
  });
  return { secret: minted.secret, id: record.id };
}

function call(path: string, init: RequestInit & { key?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  return fetch(`${server!.url}${path}`, { ...init, headers });
}

beforeEach(async () => {
  // A workspace and store per test, so keys made by one test do not put keys in force for the next.
  root = mkdtempSync(join(tmpdir(), "gantry-approvals-api-"));
  writeFileSync(join(root, "gantry.config.ts"), config);
  store = await openStore({ root });
  approvals = createApprovals({ store, secret: resolveApprovalSecret({ env: {}, root }) });
  pendingId = (await approvals.request({ ...destroy, agent: "ops", reason: "destructive in production" })).id;
  await approvals.request({
    runId: "run_other",
    toolCallId: "call_2",
    tool: "send_email",
    args: { to: "all@example.com" },
    agent: "mailer",
    reason: "mass mail",
  });
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

describe("approvals API on an open loopback server", () => {
  it("lists approvals newest first, filtered by status and run, and refuses a bad status", async () => {
    await start();
    const all = await readJson(await call("/api/v1/approvals"));
    expect(all.approvals.map((item: { runId: string }) => item.runId)).toEqual(["run_other", "run_prod"]);
    const prod = await readJson(await call("/api/v1/approvals?runId=run_prod&status=pending"));
    expect(prod.approvals).toHaveLength(1);
    expect(prod.approvals[0]).toMatchObject({
      id: pendingId,
      tool: "destroy_environment",
      args: destroy.args,
    });
    const bad = await call("/api/v1/approvals?status=maybe");
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).error).toMatchObject({
      code: "QUERY_PARAMETER_INVALID",
      details: { parameter: "status" },
    });
  });

  it("gets one approval, or 404 APPROVAL_NOT_FOUND", async () => {
    await start();
    expect((await readJson(await call(`/api/v1/approvals/${pendingId}`))).approval.id).toBe(pendingId);
    const missing = await call("/api/v1/approvals/apv_nope");
    expect(missing.status).toBe(404);
    expect((await readJson(missing)).error.code).toBe("APPROVAL_NOT_FOUND");
  });

  it("approves as `dashboard` with a note, answers how to resume, and the run's check verifies it", async () => {
    await start();
    const response = await call(`/api/v1/approvals/${pendingId}/approve`, {
      method: "POST",
      body: JSON.stringify({ note: "change ticket 42" }),
    });
    expect(response.status).toBe(200);
    const body = await readJson(response);
    expect(body.approval).toMatchObject({
      status: "approved",
      approver: "dashboard",
      note: "change ticket 42",
    });
    expect(body.resume).toEqual({
      runId: "run_prod",
      command: "gantry run --resume run_prod",
      url: "/api/v1/runs/run_prod/resume",
    });
    expect(await approvals.check(destroy)).toMatchObject({ state: "approved" });
    expect(await approvals.check({ ...destroy, args: { environment: "staging" } })).toMatchObject({
      state: "invalid",
    });

    const again = await call(`/api/v1/approvals/${pendingId}/deny`, { method: "POST" });
    expect(again.status).toBe(409);
    expect((await readJson(again)).error.code).toBe("APPROVAL_ALREADY_DECIDED");
  });

  it("refuses a body with unknown fields or a note that is not text", async () => {
    await start();
    for (const body of ['{"note": 3}', '{"approver": "me"}', "not json"]) {
      const response = await call(`/api/v1/approvals/${pendingId}/deny`, { method: "POST", body });
      expect(response.status).toBe(400);
      expect((await readJson(response)).error.code).toBe("APPROVAL_REQUEST_INVALID");
    }
    expect((await approvals.get(pendingId))?.status).toBe("pending");
  });
});

describe("approvals API with keys in force", () => {
  it("needs the write scope to decide, and records the key's id as the approver", async () => {
    const reader = await createKey(["read"]);
    const writer = await createKey(["write"]);
    await start();
    expect((await call("/api/v1/approvals", { key: reader.secret })).status).toBe(200);
    expect((await call("/api/v1/approvals")).status).toBe(401);
    const refused = await call(`/api/v1/approvals/${pendingId}/approve`, {
      method: "POST",
      key: reader.secret,
    });
    expect(refused.status).toBe(403);
    const decided = await call(`/api/v1/approvals/${pendingId}/deny`, {
      method: "POST",
      key: writer.secret,
      body: "{}",
    });
    expect(decided.status).toBe(200);
    expect((await readJson(decided)).approval).toMatchObject({ status: "denied", approver: writer.id });
    const entry = (await store.audit.list({ runId: "run_prod" })).at(-1);
    expect(entry).toMatchObject({ action: "approval.deny", principal: { type: "approver", id: writer.id } });
  });
});

describe("audit API", () => {
  it("lists a run's entries with paging and verifies the chain, reporting an edited row", async () => {
    await approvals.approve(pendingId, { approver: "cli:alice" });
    await start();
    const run = await readJson(await call("/api/v1/audit?runId=run_prod"));
    expect(run.entries.map((entry: { action: string }) => entry.action)).toEqual([
      "approval.request",
      "approval.approve",
    ]);
    expect(run.nextSince).toBeNull();
    const page = await readJson(await call("/api/v1/audit?limit=1&since=1"));
    expect(page.entries.map((entry: { sequence: number }) => entry.sequence)).toEqual([2]);
    expect(page.nextSince).toBe(2);
    const bad = await call("/api/v1/audit?limit=0");
    expect(bad.status).toBe(400);

    expect(await readJson(await call("/api/v1/audit/verify"))).toEqual({ ok: true, checked: 3 });
    await store.db
      .updateTable("audit_log")
      .set({ reason: "nothing happened" })
      .where("sequence", "=", 2)
      .execute();
    const broken = await call("/api/v1/audit/verify");
    expect(broken.status).toBe(200);
    expect(await readJson(broken)).toMatchObject({ ok: false, firstBrokenSequence: 2, problem: "edited" });
  });
});
