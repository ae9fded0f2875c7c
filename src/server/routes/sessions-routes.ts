import { Hono } from "hono";
import { GantryError } from "../../core/index.js";
import type { ServerContext } from "../server-context.js";
import { sessionJson, traceSummaryJson } from "./trace-json.js";
import { parseSessionQuery } from "./trace-query-params.js";

function sessionNotFound(sessionId: string): GantryError {
  return new GantryError({
    code: "SESSION_NOT_FOUND",
    message: `No stored trace belongs to session '${sessionId}'`,
    domain: "SERVER",
    category: "USER",
    details: { sessionId },
    hint: "List sessions with GET /api/v1/sessions; a session exists once a span carries its gantry.session.id.",
  });
}

/**
 * `GET /api/v1/sessions` (sessions, the one with the latest trace first, with a cursor) and
 * `GET /api/v1/sessions/:id` (its totals and its traces, oldest first).
 */
export function sessionsRoutes(context: Pick<ServerContext, "store">): Hono {
  const app = new Hono();
  app.get("/api/v1/sessions", async (c) => {
    const page = await context.store.traces.listSessions(parseSessionQuery(c.req.query()));
    return c.json({ sessions: page.items.map(sessionJson), nextCursor: page.nextCursor });
  });
  app.get("/api/v1/sessions/:id", async (c) => {
    const sessionId = c.req.param("id");
    const detail = await context.store.traces.getSession(sessionId);
    if (detail === undefined) throw sessionNotFound(sessionId);
    return c.json({ session: sessionJson(detail.session), traces: detail.traces.map(traceSummaryJson) });
  });
  return app;
}
