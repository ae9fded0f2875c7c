import * as z from "zod/mini";
import { createResponseParser } from "./response-parser.js";

// The shapes of the approvals API (src/server/routes/approvals-routes.ts, records as
// src/guard/approvals/approval-spec.ts defines them) as they arrive. Extra fields are tolerated.

export const approvalListPath = "/api/v1/approvals";

export const approvalStatuses = ["pending", "approved", "denied"] as const;

/** One approval: a tool call a policy held for a person, and the decision once made. */
export const approvalSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  runId: z.string(),
  toolCallId: z.string(),
  tool: z.string(),
  agent: z.string(),
  argsDigest: z.string(),
  args: z.unknown(),
  reason: z.string(),
  status: z.enum(approvalStatuses),
  requestedAt: z.string(),
  decidedAt: z.nullable(z.string()),
  approver: z.nullable(z.string()),
  note: z.nullable(z.string()),
});

const approvalListSchema = z.object({ approvals: z.array(approvalSchema) });

const decisionSchema = z.object({
  approval: approvalSchema,
  resume: z.object({ runId: z.string(), command: z.string(), url: z.string() }),
});

export type ApprovalStatus = (typeof approvalStatuses)[number];
export type Approval = z.infer<typeof approvalSchema>;
export type ApprovalList = z.infer<typeof approvalListSchema>;
export type ApprovalDecision = z.infer<typeof decisionSchema>;

/** GET /api/v1/approvals: newest first. */
export const parseApprovalList = createResponseParser(approvalListSchema, approvalListPath);

/** POST /api/v1/approvals/:id/approve|deny: the decided approval and how to resume its run. */
export const parseApprovalDecision = createResponseParser(decisionSchema, `${approvalListPath}/:id/decision`);

/** The list path, optionally of one status, newest first. */
export function approvalListApiPath(options: { status?: ApprovalStatus; limit: number }): string {
  const query = new URLSearchParams();
  if (options.status !== undefined) query.set("status", options.status);
  query.set("limit", String(options.limit));
  return `${approvalListPath}?${query.toString()}`;
}

/** The path that records a decision on one approval. */
export function approvalDecisionPath(id: string, decision: "approve" | "deny"): string {
  return `${approvalListPath}/${encodeURIComponent(id)}/${decision}`;
}
