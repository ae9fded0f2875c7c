import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApprovals } from "../../src/guard/index.js";
import { errorResponse } from "../../src/server/index.js";
import { approvalsRoutes } from "../../src/server/routes/approvals-routes.js";
import { openStore, type Store } from "../../src/store/index.js";
import { type ApiClient, createApiClient } from "../../web/src/api/api-client.js";
import { ApiError } from "../../web/src/api/api-error.js";
import {
  approvalDecisionPath,
  approvalListApiPath,
  parseApprovalDecision,
  parseApprovalList,
} from "../../web/src/api/approvals-api.js";

// The dashboard's approvals parsers and its POST against the real approvalsRoutes over SQLite, so the
// fake control plane of the browser test cannot drift from what the server answers.

let root: string;
let store: Store;
let server: ServerType;
let client: ApiClient;
let pendingId: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "gantry-approvals-contract-"));
  store = await openStore({ root });
  const approvals = createApprovals({ store, secret: "the contract test's approval secret" });
  pendingId = (
    await approvals.request({
      runId: "run_1",
      toolCallId: "call_1",
      tool: "destroy_environment",
      args: { environment: "production", nested: { list: [1, null] } },
      agent: "ops",
      reason: "destructive in production",
    })
  ).id;
  const app = new Hono();
  app.onError((error, c) => errorResponse(c, error));
  app.route("/", approvalsRoutes({ approvals }));
  server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  client = createApiClient({
    fetch,
    apiKey: null,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await store?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("the dashboard reads and decides through the real approvals API", () => {
  it("parses the pending list with the arguments as given", async () => {
    const list = await client.getJson(
      approvalListApiPath({ status: "pending", limit: 200 }),
      parseApprovalList,
    );
    expect(list.approvals).toHaveLength(1);
    expect(list.approvals[0]).toMatchObject({
      id: pendingId,
      status: "pending",
      args: { environment: "production", nested: { list: [1, null] } },
      approver: null,
    });
  });

  it("posts a decision with a note, parses the answer, and reads a second decision as a 409", async () => {
    const decision = await client.postJson(
      approvalDecisionPath(pendingId, "deny"),
      { note: "not during the freeze" },
      parseApprovalDecision,
    );
    expect(decision.approval).toMatchObject({
      status: "denied",
      approver: "dashboard",
      note: "not during the freeze",
    });
    expect(decision.resume.command).toBe("gantry run --resume run_1");
    let refused: unknown;
    try {
      await client.postJson(approvalDecisionPath(pendingId, "approve"), {}, parseApprovalDecision);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 409, code: "APPROVAL_ALREADY_DECIDED" });
  });
});
