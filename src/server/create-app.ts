import { Hono } from "hono";
import { GantryError } from "../core/index.js";
import { type AuthVariables, authMiddleware, defaultScopeFor } from "./auth-middleware.js";
import { bodySizeLimit } from "./body-size-limit.js";
import { dashboardRoutes } from "./dashboard-routes.js";
import { errorResponse } from "./error-response.js";
import { gatewayRoutes } from "./gateway/gateway-routes.js";
import { openAiErrorResponse } from "./gateway/openai-error.js";
import { agentsRoutes } from "./routes/agents-routes.js";
import { alertsRoutes } from "./routes/alerts-routes.js";
import { approvalsRoutes } from "./routes/approvals-routes.js";
import { auditRoutes } from "./routes/audit-routes.js";
import { evalsRoutes } from "./routes/evals-routes.js";
import { healthRoutes } from "./routes/health-routes.js";
import { infoRoutes } from "./routes/info-routes.js";
import { otlpRoutes } from "./routes/otlp-routes.js";
import { promptConsumersRoutes } from "./routes/prompt-consumers-routes.js";
import { promptsRoutes } from "./routes/prompts-routes.js";
import { runsRoutes } from "./routes/runs-routes.js";
import { sessionsRoutes } from "./routes/sessions-routes.js";
import { tracesRoutes } from "./routes/traces-routes.js";
import type { ServerContext } from "./server-context.js";

const maxBodyBytes = 10 * 1024 * 1024;

/** Builds the Hono app: health, authenticated API and gateway, then the dashboard. */
export function createApp(context: ServerContext, options: { dashboardFolder?: string } = {}): Hono {
  const app = new Hono<{ Variables: AuthVariables }>();
  // The gateway answers in OpenAI's error shape so OpenAI clients read its errors; the rest of the
  // API keeps Gantry's. Both take their status from statusForError.
  const isGateway = (path: string) => path.startsWith("/v1/");
  app.onError((error, c) =>
    isGateway(c.req.path) ? openAiErrorResponse(c, error, context.clock) : errorResponse(c, error),
  );

  app.route("/", healthRoutes(context));

  const auth = authMiddleware(context, defaultScopeFor);
  const limit = bodySizeLimit(maxBodyBytes);
  app.use("/api/*", limit, auth);
  // The OTLP receiver enforces its own limits (compressed and decompressed) and answers 413 itself.
  app.use("/v1/*", (c, next) => (c.req.path === "/v1/traces" ? next() : limit(c, next)), auth);

  app.route("/", infoRoutes(context));
  app.route("/", tracesRoutes(context));
  app.route("/", sessionsRoutes(context));
  app.route("/", agentsRoutes(context));
  app.route("/", runsRoutes(context));
  app.route("/", approvalsRoutes(context));
  app.route("/", auditRoutes(context));
  app.route("/", promptsRoutes(context));
  app.route("/", promptConsumersRoutes(context));
  app.route("/", alertsRoutes(context));
  app.route("/", evalsRoutes(context));
  app.route("/", otlpRoutes(context));
  app.route("/", gatewayRoutes(context));

  // Unknown API paths answer JSON 404s, never the dashboard's HTML.
  const notFound = (c: Parameters<typeof errorResponse>[0]) =>
    (isGateway(c.req.path) ? openAiErrorResponse : errorResponse)(
      c,
      new GantryError({
        code: "ROUTE_NOT_FOUND",
        message: `No route for ${c.req.method} ${c.req.path}`,
        domain: "SERVER",
        category: "USER",
        hint: "See docs/reference/http-api.md for the routes this server answers.",
      }),
    );
  app.all("/api/*", notFound);
  app.all("/v1/*", notFound);

  app.route("/", dashboardRoutes(options.dashboardFolder));
  return app as unknown as Hono;
}
