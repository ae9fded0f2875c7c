import { z } from "zod";
import { type RunListOptions, type RunStatus, runStatuses } from "../../store/index.js";
import { parseQuery, wholeNumberParameter } from "./trace-query-params.js";

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
  limit: wholeNumberParameter(1, 200).optional(),
  cursor: text.optional(),
});

/** `GET /api/v1/runs` query → the runs repository's list options (limit defaults to 50). */
export function parseRunListQuery(query: Record<string, string>): RunListOptions {
  const parsed = parseQuery(runListSchema, query, "runs");
  return {
    agent: parsed.agent,
    status: parsed.status,
    sessionId: parsed.sessionId,
    limit: parsed.limit ?? 50,
    cursor: parsed.cursor,
  };
}
