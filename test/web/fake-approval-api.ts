import { hashJson, type JsonValue } from "../../src/core/index.js";
import type { ApprovalRecord } from "../../src/guard/index.js";
import type { FakeApiAnswer } from "./fake-trace-api.js";

// The approvals endpoints of the control plane over in-memory approvals typed as the guard's
// ApprovalRecord, with the shapes and errors of src/server/routes/approvals-routes.ts: newest first,
// status and runId filters, decisions once (409 APPROVAL_ALREADY_DECIDED after), approver `dashboard`.

const minute = 60_000;

/** Ids and values the approvals browser test looks for. */
export const sampleApprovals = {
  destroyId: "apv_01JDQ5A0000000000000000001",
  refundId: "apv_01JDQ5A0000000000000000002",
  decidedId: "apv_01JDQ4Z0000000000000000003",
  destroyRunId: "run_01JDQ5R0000000000000000DESTR",
  refundRunId: "run_01JDQ2S4F1H7J3K8L2M9N5P0BB",
} as const;

function approval(
  now: number,
  sample: Pick<ApprovalRecord, "id" | "runId" | "tool" | "agent" | "reason"> & {
    args: JsonValue;
    agoMs: number;
    decided?: Pick<ApprovalRecord, "status" | "approver" | "note"> & { agoMs: number };
  },
): ApprovalRecord {
  return {
    id: sample.id,
    projectId: "default",
    runId: sample.runId,
    toolCallId: `call_${sample.id.slice(-4)}`,
    tool: sample.tool,
    agent: sample.agent,
    argsDigest: hashJson(sample.args),
    args: sample.args,
    reason: sample.reason,
    status: sample.decided?.status ?? "pending",
    requestedAt: new Date(now - sample.agoMs).toISOString(),
    decidedAt: sample.decided ? new Date(now - sample.decided.agoMs).toISOString() : null,
    approver: sample.decided?.approver ?? null,
    note: sample.decided?.note ?? null,
    signature: sample.decided ? "5e".repeat(32) : null,
  };
}

/** Two waiting calls (a production teardown, a large refund) and one denied an hour ago; newest first. */
export function buildSampleApprovals(now: number): ApprovalRecord[] {
  return [
    approval(now, {
      id: sampleApprovals.refundId,
      runId: sampleApprovals.refundRunId,
      tool: "issue_refund",
      agent: "refund-desk",
      reason: "refunds over $500 need a person",
      args: { orderId: "2041", amountUsd: 742.5, reason: "charged twice" },
      agoMs: 3 * minute,
    }),
    approval(now, {
      id: sampleApprovals.destroyId,
      runId: sampleApprovals.destroyRunId,
      tool: "destroy_environment",
      agent: "ops-agent",
      reason: "destructive tool in production (invariant no-unapproved-teardown)",
      args: { environment: "production", region: "eu-west-1", confirm: true },
      agoMs: 12 * minute,
    }),
    approval(now, {
      id: sampleApprovals.decidedId,
      runId: "run_01JDQ4Z00000000000000OLDOPS",
      tool: "drop_database",
      agent: "ops-agent",
      reason: "destructive tool in production",
      args: { database: "orders" },
      agoMs: 70 * minute,
      decided: {
        status: "denied",
        approver: "cli:maria",
        note: "use the migration instead",
        agoMs: 60 * minute,
      },
    }),
  ];
}

function error(status: number, code: string, message: string): FakeApiAnswer {
  return {
    status,
    body: { error: { name: "GantryError", code, message, domain: "POLICY", category: "USER", details: {} } },
  };
}

/** Answers the approvals endpoints (GET list and one, POST approve/deny), or undefined for other paths. */
export function answerApprovalApi(
  request: { method: string; pathname: string; query: URLSearchParams; body: string },
  context: { approvals: ApprovalRecord[]; now: number },
): FakeApiAnswer | undefined {
  const { method, pathname, query } = request;
  if (pathname === "/api/v1/approvals" && method === "GET") {
    const approvals = context.approvals.filter(
      (item) =>
        (query.get("status") === null || item.status === query.get("status")) &&
        (query.get("runId") === null || item.runId === query.get("runId")),
    );
    return { status: 200, body: { approvals: approvals.slice(0, Number(query.get("limit") ?? 50)) } };
  }
  const match = /^\/api\/v1\/approvals\/([^/]+)(?:\/(approve|deny))?$/.exec(pathname);
  if (match === null) return undefined;
  const id = decodeURIComponent(match[1]!);
  const found = context.approvals.find((item) => item.id === id);
  if (found === undefined)
    return error(404, "APPROVAL_NOT_FOUND", `No approval with id ${id} exists in this store`);
  if (match[2] === undefined)
    return method === "GET" ? { status: 200, body: { approval: found } } : undefined;
  if (method !== "POST") return undefined;
  if (found.status !== "pending") {
    return error(
      409,
      "APPROVAL_ALREADY_DECIDED",
      `Approval ${id} was already ${found.status}; a decision is final`,
    );
  }
  const note = request.body.trim() === "" ? undefined : (JSON.parse(request.body) as { note?: string }).note;
  Object.assign(found, {
    status: match[2] === "approve" ? "approved" : "denied",
    decidedAt: new Date(context.now).toISOString(),
    approver: "dashboard",
    note: note ?? null,
    signature: "ab".repeat(32),
  });
  return {
    status: 200,
    body: {
      approval: found,
      resume: {
        runId: found.runId,
        command: `gantry run --resume ${found.runId}`,
        url: `/api/v1/runs/${found.runId}/resume`,
      },
    },
  };
}
