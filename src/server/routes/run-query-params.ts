import { z } from "zod";
import { type RunListOptions, type RunStatus, runStatuses } from "../../store/index.js";
import { invalidParameter } from "./trace-query-params.js";

// The query string of `GET /api/v1/runs`, checked at the boundary like the traces list's: a wrong
// value is a 400 naming the parameter, never a silently ignored filter.

const text = z.string().min(1, "must not be empty");
const statusList = text.transform((value, context) => {
  const statuses = value.split(",").map((status) => status.trim());
  const unknown = statuses.find((status) => !(runStatuses as readonly string[]).includes(status));
  if (unknown !== undefined) {
    context.addIssue({
      code: "custom",
      message: `must be one or more (comma-separated) of ${runStatuses.join(", ")}`,
    });
    return z.NEVER;
  }
  return statuses as RunStatus[];
});

const runListSchema = z.object({
  agent: text.optional(),
  status: statusList.optional(),
  sessionId: text.optional(),
  limit: z
    .string()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(1, "must be 1 to 200").max(200, "must be 1 to 200"))
    .optional(),
  cursor: text.optional(),
});

/** `GET /api/v1/runs` query → the runs repository's list options (limit defaults to 50). */
export function parseRunListQuery(query: Record<string, string>): RunListOptions {
  const result = runListSchema.safeParse(query);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const parameter = String(issue.path[0] ?? "query");
    throw invalidParameter(parameter, `${issue.message}, got '${query[parameter] ?? ""}'`, "runs");
  }
  const parsed = result.data;
  return {
    agent: parsed.agent,
    status: parsed.status,
    sessionId: parsed.sessionId,
    limit: parsed.limit ?? 50,
    cursor: parsed.cursor,
  };
}
