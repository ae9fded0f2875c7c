import { Hono } from "hono";
import type { ServerContext } from "../server-context.js";

/** `GET /healthz`: liveness plus a store round-trip, so a load balancer drops a replica whose store is gone. */
export function healthRoutes(context: ServerContext): Hono {
  const app = new Hono();
  app.get("/healthz", async (c) => {
    try {
      await context.store.migrations.isCurrent();
      return c.json({ status: "ok" });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return c.json({ status: "degraded", store: { ok: false, message } }, 503);
    }
  });
  return app;
}
