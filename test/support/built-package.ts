import { spawn } from "node:child_process";
import { join } from "node:path";
// @ts-expect-error -- plain .mjs build script without type declarations
import { ensureBuilt as ensureBuiltScript } from "../../scripts/ensure-built.mjs";

export const repositoryRoot = join(import.meta.dirname, "..", "..");
export const gantryBin = join(repositoryRoot, "bin", "gantry.js");

/** Builds dist/ when stale, so tests drive the real `gantry` binary and dashboard. */
export function ensureBuilt(): void {
  (ensureBuiltScript as (reason: string) => void)("tests use the built CLI and dashboard");
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `gantry <args>` as a user would and collects its output. */
export function runGantry(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [gantryBin, ...args], {
      cwd: options.cwd ?? repositoryRoot,
      env: { ...process.env, NO_COLOR: "1", ...options.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`gantry ${args.join(" ")} timed out\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
