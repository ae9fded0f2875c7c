import { Hono } from "hono";
import { z } from "zod";
import { GantryError, isoNow } from "../../core/index.js";
import type { AuthVariables } from "../auth-middleware.js";
import type { ServerContext } from "../server-context.js";
import { parseQuery, wholeNumberParameter } from "./trace-query-params.js";

const alertStates = ["open", "resolved", "all"] as const;

const listSchema = z.object({
  kind: z.string().min(1, "must not be empty").optional(),
  state: z.enum(alertStates, { error: `must be one of ${alertStates.join(", ")}` }).optional(),
  limit: wholeNumberParameter(1, 500).optional(),
});

function alertError(code: string, message: string, id: string): GantryError {
  return new GantryError({
    code,
    message,
    domain: "SERVER",
    category: "USER",
    details: { alert: id },
    hint: "GET /api/v1/alerts?state=all lists the alerts with their state.",
  });
}

/**
 * `GET /api/v1/alerts?kind=&state=open|resolved|all&limit=` (newest first, open by default) and
 * `POST /api/v1/alerts/:id/resolve` (scope `write`): conditions a check found, such as prompt drift,
 * stay open until a person resolves them.
 */
export function alertsRoutes(
  context: Pick<ServerContext, "store" | "clock">,
): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();

  app.get("/api/v1/alerts", async (c) => {
    const query = parseQuery(listSchema, c.req.query(), "alerts");
    const alerts = await context.store.alerts.list({
      state: query.state ?? "open",
      limit: query.limit ?? 50,
      ...(query.kind === undefined ? {} : { kind: query.kind }),
    });
    return c.json({ alerts });
  });

  app.post("/api/v1/alerts/:id/resolve", async (c) => {
    const id = c.req.param("id");
    const alert = await context.store.alerts.resolve(id, isoNow(context.clock));
    if (alert !== undefined) return c.json({ alert });
    const existing = await context.store.alerts.get(id);
    if (existing === undefined) throw alertError("ALERT_NOT_FOUND", `No alert with id ${id} exists`, id);
    throw alertError(
      "ALERT_ALREADY_RESOLVED",
      `Alert ${id} was already resolved at ${existing.resolvedAt}`,
      id,
    );
  });

  return app;
}
