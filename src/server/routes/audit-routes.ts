import { Hono } from "hono";
import { z } from "zod";
import type { AuthVariables } from "../auth-middleware.js";
import type { ServerContext } from "../server-context.js";
import { parseQuery, wholeNumberParameter } from "./trace-query-params.js";

const listSchema = z.object({
  runId: z.string().min(1, "must not be empty").optional(),
  since: wholeNumberParameter(0, Number.MAX_SAFE_INTEGER).optional(),
  limit: wholeNumberParameter(1, 1000).optional(),
});

/**
 * `GET /api/v1/audit?runId=&since=&limit=` (entries after `since`, oldest first; `nextSince` pages on)
 * and `GET /api/v1/audit/verify` (the chain recomputed: `{ ok, checked, firstBrokenSequence?, problem?,
 * reason? }`, 200 either way: a broken chain is a finding, not a failed request).
 */
export function auditRoutes(context: Pick<ServerContext, "store">): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();

  app.get("/api/v1/audit", async (c) => {
    const parsed = parseQuery(listSchema, c.req.query(), "audit");
    const limit = parsed.limit ?? 100;
    const entries = await context.store.audit.list({
      since: parsed.since ?? 0,
      limit,
      ...(parsed.runId === undefined ? {} : { runId: parsed.runId }),
    });
    const nextSince = entries.length === limit ? entries.at(-1)!.sequence : null;
    return c.json({ entries, nextSince });
  });

  app.get("/api/v1/audit/verify", async (c) => c.json(await context.store.audit.verify()));
  return app;
}
