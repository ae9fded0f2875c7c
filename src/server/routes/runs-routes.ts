import { Hono } from "hono";
import type { AuthVariables } from "../auth-middleware.js";
import type { ServerContext } from "../server-context.js";
import { runDetail, runNotFound } from "./run-detail.js";
import { wantsEventStream } from "./run-event-stream.js";
import { runSummaryJson } from "./run-json.js";
import { parseRunListQuery } from "./run-query-params.js";
import { parseResumeRunBody } from "./run-request-body.js";
import { runResponse } from "./run-response.js";

/**
 * `GET /api/v1/runs` (newest first, filtered, with a cursor), `GET /api/v1/runs/:id` (record, state
 * summary, links to its trace) and `POST /api/v1/runs/:id/resume` (JSON or SSE, like starting one).
 */
export function runsRoutes(
  context: Pick<ServerContext, "store" | "runtime" | "activeRuns">,
): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();
  app.get("/api/v1/runs", async (c) => {
    const page = await context.store.runs.list(parseRunListQuery(c.req.query()));
    return c.json({ runs: page.items.map(runSummaryJson), nextCursor: page.nextCursor });
  });

  app.get("/api/v1/runs/:id", async (c) => c.json(await runDetail(context.store, c.req.param("id"))));

  app.post("/api/v1/runs/:id/resume", async (c) => {
    const runId = c.req.param("id");
    if ((await context.store.runs.get(runId)) === undefined) throw runNotFound(runId);
    const body = await parseResumeRunBody(c.req.raw);
    const stream = wantsEventStream(c.req.header("accept"), body.stream);
    // A completed, failed or cancelled run is RUN_NOT_RESUMABLE (409), from the runtime.
    const handle = await context.runtime.resume(runId, { stream });
    return runResponse(c, handle, { stream, status: 200, activeRuns: context.activeRuns });
  });
  return app;
}
