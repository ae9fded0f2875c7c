import type * as z from "zod/mini";
import type { ResponseParser } from "./api-client.js";
import { ApiError } from "./api-error.js";

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.length === 0 ? "(the whole answer)" : issue.path.map(String).join(".");
  if (issue.code === "invalid_type") return `${field} should be ${issue.expected}`;
  if (issue.code === "invalid_value") return `${field} should be one of ${issue.values.join(", ")}`;
  return `${field} is not valid`;
}

/**
 * A parser for one endpoint's answer; a mismatch throws an INVALID_RESPONSE ApiError naming the first
 * fields that differ, so a server/dashboard version skew is obvious instead of a blank page.
 */
export function createResponseParser<Output>(
  schema: z.ZodMiniType<Output>,
  endpoint: string,
): ResponseParser<Output> {
  return (value: unknown) => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const problems = result.error.issues.slice(0, 3).map(describeIssue).join("; ");
    throw new ApiError({
      status: 200,
      code: "INVALID_RESPONSE",
      message: `The server's ${endpoint} answer is not what this dashboard expects: ${problems}.`,
      hint: "The dashboard and the control plane may be different versions; rebuild both.",
    });
  };
}
