import { Hono } from "hono";
import type { ServerContext } from "../server-context.js";
import { traceDetail } from "./trace-detail.js";
import { traceSummaryJson } from "./trace-json.js";
import { parseTraceQuery } from "./trace-query-params.js";

/**
 * `GET /api/v1/traces` (summaries, newest first, filtered, with a cursor) and `GET /api/v1/traces/:id`
 * (the trace's spans with tree depths and its per-agent rollup).
 */
export function tracesRoutes(context: Pick<ServerContext, "store" | "clock">): Hono {
  const app = new Hono();
  app.get("/api/v1/traces", async (c) => {
    const page = await context.store.traces.listTraces(parseTraceQuery(c.req.query(), context.clock));
    return c.json({ traces: page.items.map(traceSummaryJson), nextCursor: page.nextCursor });
  });
  app.get("/api/v1/traces/:id", async (c) => c.json(await traceDetail(context.store, c.req.param("id"))));
  return app;
}
