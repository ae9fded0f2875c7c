import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { packageRoot } from "../core/index.js";

/** The built dashboard's folder (`dist/web`, made by `npm run build`). */
export function dashboardFolder(): string {
  return join(packageRoot(), "dist", "web");
}

const notBuiltPage = `<!doctype html><meta charset="utf-8"><title>Gantry</title>
<body style="font-family:system-ui;margin:3rem;max-width:40rem">
<h1>Gantry is running</h1><p>The dashboard has not been built in this checkout.
Run <code>npm run build</code> (or <code>npm start</code>, which builds when needed) and reload.</p>
<p>The API is up: <a href="/api/v1/info">/api/v1/info</a>, <a href="/healthz">/healthz</a>.</p></body>`;

/** Serves the dashboard with a single-page-app fallback; API paths are never swallowed by it. */
export function dashboardRoutes(folder = dashboardFolder()): Hono {
  const app = new Hono();
  const indexFile = join(folder, "index.html");
  if (!existsSync(indexFile)) {
    app.get("*", (c) => c.html(notBuiltPage));
    return app;
  }
  const indexHtml = readFileSync(indexFile, "utf8");
  app.use("/assets/*", serveStatic({ root: folder }));
  app.get("*", serveStatic({ root: folder }));
  app.get("*", (c) => c.html(indexHtml));
  return app;
}
