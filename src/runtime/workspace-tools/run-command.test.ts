import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commandEnvironment, runCommand } from "./run-command.js";

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), "gantry-command-"));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

function options(overrides: Partial<Parameters<typeof runCommand>[2]> = {}) {
  return {
    cwd,
    timeoutMs: 10_000,
    maxOutputBytes: 4_096,
    env: commandEnvironment({}),
    signal: new AbortController().signal,
    ...overrides,
  };
}

describe("runCommand", () => {
  it("runs in cwd and reports the exit code, output and no timeout", async () => {
    const result = await runCommand(
      process.execPath,
      ["-e", "console.log(process.cwd()); console.error('warn'); process.exit(3)"],
      options(),
    );
    expect(result).toMatchObject({ exitCode: 3, timedOut: false, stderr: "warn\n", omittedBytes: 0 });
    expect(result.stdout.trim()).toBe(cwd);
  });

  it("passes arguments as they are: no shell interpolation", async () => {
    const result = await runCommand(
      process.execPath,
      ["-e", "console.log(process.argv[1])", "$(whoami); echo hi"],
      options(),
    );
    expect(result.stdout).toBe("$(whoami); echo hi\n");
  });

  it("kills a command past its timeout", async () => {
    const result = await runCommand(
      process.execPath,
      ["-e", "setInterval(() => {}, 1000)"],
      options({ timeoutMs: 200 }),
    );
    expect(result).toMatchObject({ timedOut: true, exitCode: null, signal: "SIGKILL" });
  });

  it("keeps the head and tail of long output and says how much was dropped", async () => {
    const result = await runCommand(
      process.execPath,
      ["-e", "process.stdout.write('HEAD' + 'x'.repeat(20000) + 'TAIL')"],
      options({ maxOutputBytes: 2_048 }),
    );
    expect(result.stdout.startsWith("HEAD")).toBe(true);
    expect(result.stdout.endsWith("TAIL")).toBe(true);
    expect(result.omittedBytes).toBe(20_008 - 2_048);
    expect(result.stdout).toContain(`[… ${20_008 - 2_048} bytes omitted …]`);
  });

  it("gives the child a minimal environment without our secrets", async () => {
    process.env.GANTRY_TEST_SECRET_KEY = "sk-secret";
    try {
      const env = commandEnvironment({ EXTRA: "1" });
      expect(env).toMatchObject({ CI: "1", EXTRA: "1" });
      expect(env.GANTRY_TEST_SECRET_KEY).toBeUndefined();
      const result = await runCommand(
        process.execPath,
        ["-e", "console.log(process.env.GANTRY_TEST_SECRET_KEY ?? 'absent')"],
        options({ env }),
      );
      expect(result.stdout).toBe("absent\n");
    } finally {
      delete process.env.GANTRY_TEST_SECRET_KEY;
    }
  });

  it("rejects with WORKSPACE_COMMAND_FAILED when the program does not exist", async () => {
    await expect(runCommand("gantry-no-such-program", [], options())).rejects.toMatchObject({
      code: "WORKSPACE_COMMAND_FAILED",
    });
  });
});
