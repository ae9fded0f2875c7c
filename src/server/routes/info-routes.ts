import { Hono } from "hono";
import { configuredModels } from "../../models/index.js";
import type { ServerContext } from "../server-context.js";

/** `GET /api/v1/info`: what this control plane is running (version, workspace, store, models). */
export function infoRoutes(context: ServerContext): Hono {
  const app = new Hono();
  app.get("/api/v1/info", async (c) => {
    const { config, root } = context.workspace;
    const activeKeys = await context.store.apiKeys.countActive(new Date(context.clock.now()).toISOString());
    return c.json({
      name: "gantry",
      version: context.version,
      workspace: { name: config.name, root },
      store: {
        kind: context.store.kind,
        location: context.store.location,
        migrationsCurrent: await context.store.migrations.isCurrent(),
      },
      models: configuredModels(config.models),
      tiers: config.models.tiers,
      auth: { required: context.requireKeys || activeKeys > 0 },
      uptimeSeconds: Math.round((context.clock.now() - context.startedAt) / 1000),
      // Export queues with their drop counters: a full queue drops spans, and that must be visible.
      telemetry: context.telemetry.stats(),
      // The label agents are served and how the prompt cache fares: fallbacks to a stale or bundled
      // copy mean the registry is not answering, which must not go unnoticed.
      prompts: { label: config.prompts.label, client: context.prompts.client.stats() },
    });
  });
  return app;
}
