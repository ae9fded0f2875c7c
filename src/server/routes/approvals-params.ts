import { z } from "zod";
import { formatIssues, GantryError } from "../../core/index.js";
import { type ApprovalStatus, approvalStatuses } from "../../guard/index.js";
import { invalidParameter } from "./trace-query-params.js";

// The query of `GET /api/v1/approvals` and the body of a decision, checked at the boundary: a wrong
// value is a 400 naming the parameter or field, never a silently ignored filter or a lost note.

const listSchema = z.object({
  status: z.enum(approvalStatuses, { error: `must be one of ${approvalStatuses.join(", ")}` }).optional(),
  runId: z.string().min(1, "must not be empty").optional(),
  limit: z
    .string()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(1, "must be 1 to 500").max(500, "must be 1 to 500"))
    .optional(),
});

export interface ApprovalListQuery {
  status?: ApprovalStatus;
  runId?: string;
  limit: number;
}

/** `GET /api/v1/approvals` query → list options (limit defaults to 50). */
export function parseApprovalListQuery(query: Record<string, string>): ApprovalListQuery {
  const result = listSchema.safeParse(query);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const parameter = String(issue.path[0] ?? "query");
    throw invalidParameter(parameter, `${issue.message}, got '${query[parameter] ?? ""}'`, "approvals");
  }
  return {
    ...(result.data.status === undefined ? {} : { status: result.data.status }),
    ...(result.data.runId === undefined ? {} : { runId: result.data.runId }),
    limit: result.data.limit ?? 50,
  };
}

const decisionSchema = z.strictObject({ note: z.string().max(2000).optional() });

/** `{ note? }` from an approve or deny request (an empty body is fine), or APPROVAL_REQUEST_INVALID (400). */
export async function parseDecisionBody(request: Request): Promise<{ note?: string }> {
  const text = await request.text();
  let body: unknown = {};
  if (text.trim() !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      throw invalidDecision("the body is not JSON");
    }
  }
  const parsed = decisionSchema.safeParse(body, { reportInput: true });
  if (parsed.success) return parsed.data;
  const problems = formatIssues(parsed.error).map(
    (problem) => `${problem.path === "" ? "(body)" : problem.path}: ${problem.message}`,
  );
  throw invalidDecision(problems.join("; "));
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
