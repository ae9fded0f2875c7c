import { spawn } from "node:child_process";
import { workspaceError } from "./workspace-errors.js";

// Runs one allowlisted command without a shell: the program and its arguments go to the kernel as a
// list, so `;`, `&&`, `$(…)` and globs in an argument are just characters. The child gets its own
// process group so a timeout or cancel kills what it started too (npm → node → workers), and a
// minimal environment so provider keys in Gantry's own environment never reach it.

export interface CommandResult {
  exitCode: number | null;
  /** The signal that ended it, when one did. */
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** Output bytes dropped from the middle of stdout or stderr to stay under the cap. */
  omittedBytes: number;
  durationMs: number;
}

export interface RunCommandOptions {
  cwd: string;
  timeoutMs: number;
  maxOutputBytes: number;
  env: Record<string, string>;
  signal: AbortSignal;
}

const passedThrough = ["PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TEMP", "TMP", "SYSTEMROOT", "TERM"];

/** The child's environment: a few harmless variables from ours, CI=1, and what the options add. */
export function commandEnvironment(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { CI: "1" };
  for (const name of passedThrough) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

/** Keeps the first quarter and the last three quarters of the cap: errors are usually at the end. */
class CappedOutput {
  private head = Buffer.alloc(0);
  private tail: Buffer[] = [];
  private tailBytes = 0;
  omitted = 0;

  constructor(private readonly cap: number) {}

  push(chunk: Buffer): void {
    const headCap = Math.floor(this.cap / 4);
    if (this.head.length < headCap) {
      const take = Math.min(headCap - this.head.length, chunk.length);
      this.head = Buffer.concat([this.head, chunk.subarray(0, take)]);
      chunk = chunk.subarray(take);
    }
    if (chunk.length === 0) return;
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    const tailCap = this.cap - headCap;
    while (this.tailBytes > tailCap) {
      const first = this.tail[0]!;
      const excess = this.tailBytes - tailCap;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailBytes -= first.length;
        this.omitted += first.length;
      } else {
        this.tail[0] = first.subarray(excess);
        this.tailBytes -= excess;
        this.omitted += excess;
      }
    }
  }

  text(): string {
    const tail = Buffer.concat(this.tail).toString("utf8");
    const head = this.head.toString("utf8");
    return this.omitted > 0 ? `${head}\n[… ${this.omitted} bytes omitted …]\n${tail}` : head + tail;
  }
}

/** Runs `command args…` in `cwd` with a timeout; a non-zero exit is a result, not an error. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: RunCommandOptions,
): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: options.env,
      shell: false,
      detached: process.platform !== "win32",
      stdio: ["ignore", "pipe", "pipe"],
      windowsHide: true,
    });
    const stdout = new CappedOutput(options.maxOutputBytes);
    const stderr = new CappedOutput(options.maxOutputBytes);
    let timedOut = false;
    const kill = () => {
      try {
        if (child.pid !== undefined && process.platform !== "win32") process.kill(-child.pid, "SIGKILL");
        else child.kill("SIGKILL");
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);
    const onAbort = () => kill();
    options.signal.addEventListener("abort", onAbort, { once: true });
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => {
      clearTimeout(timer);
      options.signal.removeEventListener("abort", onAbort);
      reject(
        workspaceError(
          "WORKSPACE_COMMAND_FAILED",
          `${command} could not be started: ${error.message}.`,
          "Check that the command is installed and on the PATH given to the workspace tools.",
          { command },
          error,
        ),
      );
    });
    child.on("close", (exitCode, signal) => {
      clearTimeout(timer);
      options.signal.removeEventListener("abort", onAbort);
      resolve({
        exitCode,
        signal,
        timedOut,
        stdout: stdout.text(),
        stderr: stderr.text(),
        omittedBytes: stdout.omitted + stderr.omitted,
        durationMs: Date.now() - started,
      });
    });
  });
}
