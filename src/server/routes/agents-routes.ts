import { Hono } from "hono";
import type { AuthVariables } from "../auth-middleware.js";
import type { ServerContext } from "../server-context.js";
import { agentJson } from "./agent-json.js";
import { wantsEventStream } from "./run-event-stream.js";
import { parseStartRunBody } from "./run-request-body.js";
import { runResponse } from "./run-response.js";

/**
 * `GET /api/v1/agents` (the workspace's agents) and `POST /api/v1/agents/:name/runs` (start a run:
 * JSON once it stops, 201, or its events as SSE with `Accept: text/event-stream` or `stream: true`).
 */
export function agentsRoutes(
  context: Pick<ServerContext, "runtime" | "activeRuns">,
): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();
  app.get("/api/v1/agents", (c) => c.json({ agents: context.runtime.agents.map(agentJson) }));

  app.post("/api/v1/agents/:name/runs", async (c) => {
    const name = c.req.param("name");
    // An unknown agent is a 404 before the body is read: the name is the first thing that can be wrong.
    context.runtime.agent(name);
    const body = await parseStartRunBody(c.req.raw);
    const stream = wantsEventStream(c.req.header("accept"), body.stream);
    // No abort signal: a client that hangs up leaves the run going (it checkpoints; resume or read it later).
    const handle = await context.runtime.start(name, {
      input: body.input,
      ...(body.sessionId === undefined ? {} : { sessionId: body.sessionId }),
      ...(c.get("apiKey") === undefined ? {} : { apiKeyId: c.get("apiKey")!.id }),
      stream,
    });
    return runResponse(c, handle, { stream, status: 201, activeRuns: context.activeRuns });
  });
  return app;
}
