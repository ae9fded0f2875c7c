import { z } from "zod";
import { GantryError } from "../../core/index.js";
import { type ApprovalStatus, approvalStatuses } from "../../guard/index.js";
import { parseJsonBody, readJsonBody } from "./json-body.js";
import { parseQuery, wholeNumberParameter } from "./trace-query-params.js";

// The query of `GET /api/v1/approvals` and the body of a decision, checked at the boundary: a wrong
// value is a 400 naming the parameter or field, never a silently ignored filter or a lost note.

const listSchema = z.object({
  status: z.enum(approvalStatuses, { error: `must be one of ${approvalStatuses.join(", ")}` }).optional(),
  runId: z.string().min(1, "must not be empty").optional(),
  limit: wholeNumberParameter(1, 500).optional(),
});

export interface ApprovalListQuery {
  status?: ApprovalStatus;
  runId?: string;
  limit: number;
}

/** `GET /api/v1/approvals` query → list options (limit defaults to 50). */
export function parseApprovalListQuery(query: Record<string, string>): ApprovalListQuery {
  const parsed = parseQuery(listSchema, query, "approvals");
  return {
    ...(parsed.status === undefined ? {} : { status: parsed.status }),
    ...(parsed.runId === undefined ? {} : { runId: parsed.runId }),
    limit: parsed.limit ?? 50,
  };
}

const decisionSchema = z.strictObject({ note: z.string().max(2000).optional() });

/** `{ note? }` from an approve or deny request (an empty body is fine), or APPROVAL_REQUEST_INVALID (400). */
export async function parseDecisionBody(request: Request): Promise<{ note?: string }> {
  const body = await readJsonBody(request, { allowEmpty: true, invalid: invalidDecision });
  return parseJsonBody(decisionSchema, body, invalidDecision);
}

function invalidDecision(problem: string): GantryError {
  return new GantryError({
    code: "APPROVAL_REQUEST_INVALID",
    message: `Invalid request body: ${problem}`,
    domain: "SERVER",
    category: "USER",
    hint: 'The body is optional; when sent it is { "note": "why" }. See docs/reference/http-api.md#approvals.',
  });
}
