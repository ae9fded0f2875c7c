import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));
/**
 * The browser tests' own production build of web/. The test setup's `npm run build` runs under vitest's
 * NODE_ENV=test, which makes Vite bundle React's development build into dist/web; building here with
 * NODE_ENV=production tests what users get, without rewriting dist/web while other test files serve it.
 * It lives in node_modules/.cache so it is never packed with dist/.
 */
const cacheFolder = join(repositoryRoot, "node_modules", ".cache");
// Keyed by the checkout: a second checkout whose node_modules links to this one's would otherwise
// share the folder, and its build (of its own web/src) would look fresh to this checkout's tests.
const checkoutKey = createHash("sha256").update(repositoryRoot).digest("hex").slice(0, 8);
export const dashboardFolder = join(cacheFolder, `gantry-web-e2e-${checkoutKey}`);
// Browser test files run in parallel workers; this lock keeps two of them from building at once.
const lockFolder = join(cacheFolder, `gantry-web-e2e-${checkoutKey}.lock`);
const lockWaitMilliseconds = 180_000;

function newestModification(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    const modified = entry.isDirectory() ? newestModification(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, modified);
  }
  return newest;
}

function buildIsFresh(): boolean {
  const indexFile = join(dashboardFolder, "index.html");
  const webFolder = join(repositoryRoot, "web");
  const sourcesModified = Math.max(
    newestModification(join(webFolder, "src")),
    statSync(join(webFolder, "index.html")).mtimeMs,
    statSync(join(webFolder, "vite.config.ts")).mtimeMs,
  );
  return existsSync(indexFile) && statSync(indexFile).mtimeMs >= sourcesModified;
}

function build(): void {
  const viteCli = join(repositoryRoot, "node_modules", "vite", "bin", "vite.js");
  const args = ["build", "--config", "web/vite.config.ts", "--outDir", dashboardFolder, "--logLevel", "warn"];
  execFileSync(process.execPath, [viteCli, ...args], {
    cwd: repositoryRoot,
    stdio: "inherit",
    // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: "production" },
  });
}

/** A lock left by a process that died (its pid is gone) may be taken over. */
function lockIsAbandoned(): boolean {
  try {
    const pid = Number(readFileSync(join(lockFolder, "pid"), "utf8"));
    process.kill(pid, 0);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // No pid file yet: the owner is between mkdir and write, unless the lock is old.
    if (code === "ENOENT") return Date.now() - statSync(lockFolder).mtimeMs > 60_000;
    return code === "ESRCH";
  }
}

async function withBuildLock(work: () => void): Promise<void> {
  const deadline = Date.now() + lockWaitMilliseconds;
  mkdirSync(cacheFolder, { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockFolder);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (lockIsAbandoned()) {
      rmSync(lockFolder, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(`Gave up waiting for ${lockFolder}; remove it if no build runs.`);
    // Polling with a deadline: another worker is building and will release the lock when done.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  try {
    writeFileSync(join(lockFolder, "pid"), String(process.pid));
    work();
  } finally {
    rmSync(lockFolder, { recursive: true, force: true });
  }
}

/** Builds the test bundle when it is missing or older than web/src, so the browser never tests stale code. */
export async function ensureDashboardBuild(): Promise<void> {
  if (buildIsFresh()) return;
  await withBuildLock(() => {
    // Another worker may have built it while this one waited for the lock.
    if (!buildIsFresh()) build();
  });
}
