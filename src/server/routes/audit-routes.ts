import { Hono } from "hono";
import { z } from "zod";
import type { AuthVariables } from "../auth-middleware.js";
import type { ServerContext } from "../server-context.js";
import { invalidParameter } from "./trace-query-params.js";

const wholeNumber = (minimum: number, maximum: number) =>
  z
    .string()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(minimum, `must be ${minimum} to ${maximum}`)
        .max(maximum, `must be ${minimum} to ${maximum}`),
    );

const listSchema = z.object({
  runId: z.string().min(1, "must not be empty").optional(),
  since: wholeNumber(0, Number.MAX_SAFE_INTEGER).optional(),
  limit: wholeNumber(1, 1000).optional(),
});

/**
 * `GET /api/v1/audit?runId=&since=&limit=` (entries after `since`, oldest first; `nextSince` pages on)
 * and `GET /api/v1/audit/verify` (the chain recomputed: `{ ok, checked, firstBrokenSequence?, problem?,
 * reason? }`, 200 either way: a broken chain is a finding, not a failed request).
 */
export function auditRoutes(context: Pick<ServerContext, "store">): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();

  app.get("/api/v1/audit", async (c) => {
    const query = c.req.query();
    const parsed = listSchema.safeParse(query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const parameter = String(issue.path[0] ?? "query");
      throw invalidParameter(parameter, `${issue.message}, got '${query[parameter] ?? ""}'`, "audit");
    }
    const limit = parsed.data.limit ?? 100;
    const entries = await context.store.audit.list({
      since: parsed.data.since ?? 0,
      limit,
      ...(parsed.data.runId === undefined ? {} : { runId: parsed.data.runId }),
    });
    const nextSince = entries.length === limit ? entries.at(-1)!.sequence : null;
    return c.json({ entries, nextSince });
  });

  app.get("/api/v1/audit/verify", async (c) => c.json(await context.store.audit.verify()));
  return app;
}
