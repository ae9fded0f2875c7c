// Builds dist/ when it is missing or older than the sources. Used by `npm start` and the test setup.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function newestModification(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestModification(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when dist/ is missing or older than src/ or web/. */
export function isStale() {
  const marker = join(root, "dist/cli/index.js");
  if (!existsSync(marker) || !existsSync(join(root, "dist/web/index.html"))) return true;
  const sources = Math.max(newestModification(join(root, "src")), newestModification(join(root, "web")));
  return sources > statSync(marker).mtimeMs;
}

/** Runs the build when needed; exits the process if the build fails. */
export function ensureBuilt(reason = "first start, or sources changed") {
  if (!isStale()) return;
  console.log(`building gantry (${reason})…`);
  const build = spawnSync(process.execPath, [join(root, "scripts/build.mjs")], {
    stdio: "inherit",
    cwd: root,
  });
  if (build.status !== 0) throw new Error("gantry build failed; see the output above");
}
