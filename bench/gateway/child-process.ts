import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";

/** A server the benchmark started as a child process, and the URL it announced. */
export interface ChildServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `node <args>` and waits (with a deadline) for a line matching `announce` on stdout, whose
 * first group is the URL. Closing stdin (or SIGTERM, for a peer we do not control) asks it to stop; a kill follows if it does not within 5 s.
 */
export function startChild(
  args: string[],
  announce: RegExp,
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; stopWith?: "stdin" | "SIGTERM" } = {},
): Promise<ChildServer> {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`timed out waiting for ${announce}; output:\n${output}`));
    }, options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = announce.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      // Keep draining output so a chatty child never blocks on a full pipe.
      child.stdout?.resume();
      child.stderr?.resume();
      resolve({ url: match[1]!, child, stop: () => stop(child, options.stopWith ?? "stdin") });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before announcing; output:\n${output}`));
    });
  });
}

function stop(child: ChildProcess, how: "stdin" | "SIGTERM"): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    if (how === "stdin") child.stdin?.end();
    else child.kill("SIGTERM");
  });
}

/** CPU time (user + system) a process has used so far, in ms, from /proc; undefined where there is no /proc. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100 Hz on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
