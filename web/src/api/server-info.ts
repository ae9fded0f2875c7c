import * as z from "zod/mini";
import { ApiError } from "./api-error.js";

/** GET /api/v1/info: what this control plane is, where its data lives and which models it can call. */
const serverInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  workspace: z.object({ name: z.string(), root: z.string() }),
  store: z.object({
    kind: z.enum(["sqlite", "postgres"]),
    location: z.string(),
    migrationsCurrent: z.boolean(),
  }),
  models: z.array(z.object({ id: z.string(), provider: z.string(), default: z.boolean() })),
  tiers: z.record(z.string(), z.array(z.string())),
  auth: z.object({ required: z.boolean() }),
  uptimeSeconds: z.number(),
});

export type ServerInfo = z.infer<typeof serverInfoSchema>;
export type StoreKind = ServerInfo["store"]["kind"];

export const serverInfoPath = "/api/v1/info";

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.length === 0 ? "(the whole answer)" : issue.path.map(String).join(".");
  if (issue.code === "invalid_type") return `${field} should be ${issue.expected}`;
  if (issue.code === "invalid_value") return `${field} should be one of ${issue.values.join(", ")}`;
  return `${field} is not valid`;
}

/** Validates the info answer; a mismatch names the fields, so a server/dashboard version skew is obvious. */
export function parseServerInfo(value: unknown): ServerInfo {
  const result = serverInfoSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 3).map(describeIssue).join("; ");
  throw new ApiError({
    status: 200,
    code: "INVALID_RESPONSE",
    message: `The server's ${serverInfoPath} answer is not what this dashboard expects: ${problems}.`,
    hint: "The dashboard and the control plane may be different versions; rebuild both.",
  });
}
