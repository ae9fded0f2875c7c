import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));
export const dashboardFolder = join(repositoryRoot, "dist", "web");

function newestModification(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    const modified = entry.isDirectory() ? newestModification(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, modified);
  }
  return newest;
}

/** Builds dist/web when it is missing or older than web/src, so the browser never tests stale code. */
export function ensureDashboardBuild(): void {
  const indexFile = join(dashboardFolder, "index.html");
  const webFolder = join(repositoryRoot, "web");
  const sourcesModified = Math.max(
    newestModification(join(webFolder, "src")),
    statSync(join(webFolder, "index.html")).mtimeMs,
    statSync(join(webFolder, "vite.config.ts")).mtimeMs,
  );
  if (existsSync(indexFile) && statSync(indexFile).mtimeMs >= sourcesModified) return;
  const viteCli = join(repositoryRoot, "node_modules", "vite", "bin", "vite.js");
  execFileSync(process.execPath, [viteCli, "build", "--config", "web/vite.config.ts", "--logLevel", "warn"], {
    cwd: repositoryRoot,
    stdio: "inherit",
    // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: "production" },
  });
}
