import { existsSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createWorkspaceTools, defineAgent, type RunEvent, type RunState } from "../../src/runtime/index.js";
import { collectEvents, runtimeHarness } from "./runtime-harness.js";
import { linesOfCode, makeRepo, mathSource, mathTest, temporaryFolder } from "./workspace-tools-repo.js";

// Acceptance 4, the scoped-edit drill on the sim model: a scripted coding agent tries to write
// outside its scope (through `..` and through a symlink to /tmp), to weaken a test after logging a
// test modification, to exceed the diff limit and to touch an auth module. Each is blocked, the
// repository is left as it was, and every reason is in the run result: the stored state's
// toolCalls[].error and the tool-call-end events. Its final report claims tests pass without a
// recorded run, and is flagged.

type Call = { name: string; arguments: Record<string, unknown> };

/** A scenario that makes one scripted call per step, then answers. */
function scriptedScenario(calls: Call[], answer: string): string {
  const rules = calls.map((call, step) => ({
    name: `step-${step}-${call.name}`,
    match: { step },
    reply: { toolCalls: [call] },
  }));
  rules.push({ name: "answer", match: { step: calls.length }, reply: { text: answer } } as never);
  // JSON is YAML: the scenario file is written exactly as a user could write it.
  return JSON.stringify({ name: "scoped-edit-drill", includeDefaultRules: false, rules }, null, 2);
}

function toolEnds(events: RunEvent[]) {
  return events.filter(
    (event): event is Extract<RunEvent, { type: "tool-call-end" }> => event.type === "tool-call-end",
  );
}

describe("the scoped-edit drill (acceptance 4)", () => {
  it("blocks writing outside the scope, weakening a test and exceeding the diff limit, with each reason in the run result", async () => {
    const repo = makeRepo();
    const elsewhere = temporaryFolder("gantry-elsewhere-");
    symlinkSync(elsewhere, join(repo, "src/elsewhere"));
    const workspace = createWorkspaceTools({
      root: repo,
      scopes: { read: ["**"], write: ["src/**", "test/**"] },
      shell: { allow: ["npm test"], timeoutMs: 30_000 },
    });
    const calls: Call[] = [
      { name: "fs_write", arguments: { path: "../outside.txt", content: "pwned\n" } },
      { name: "fs_write", arguments: { path: "src/elsewhere/evil.ts", content: "pwned\n" } },
      {
        name: "test_modification",
        arguments: {
          path: "test/math.test.ts",
          justification: "The assertion on add(1, 2) is too strict for the fix.",
        },
      },
      {
        name: "fs_patch",
        arguments: {
          path: "test/math.test.ts",
          edits: [{ search: "expect(add(1, 2)).toBe(3);", replace: "expect(add(1, 2)).toBeDefined();" }],
        },
      },
      { name: "fs_write", arguments: { path: "src/generated.ts", content: linesOfCode(400, "generated") } },
      { name: "fs_write", arguments: { path: "src/more.ts", content: linesOfCode(700, "more") } },
      {
        name: "fs_write",
        arguments: { path: "src/auth/session.ts", content: "export const sessionTtlSeconds = 0;\n" },
      },
      {
        name: "fs_patch",
        arguments: { path: "src/math.ts", edits: [{ search: "a - b", replace: "a + b" }] },
      },
      {
        name: "final_report",
        arguments: {
          changed: ["src/math.ts", "src/generated.ts"],
          verified: [{ how: "All tests pass", command: "npm test" }],
          notVerified: [],
          assumptions: ["add() should return the sum"],
        },
      },
    ];
    const agent = defineAgent({
      name: "coder",
      instructions: "Fix the bug in add() without touching the tests.",
      tools: workspace.tools,
      limits: { maxSteps: 15 },
    });
    const { runtime, store } = await runtimeHarness({
      agents: [agent],
      scenario: scriptedScenario(calls, "Fixed add()."),
    });
    const handle = await runtime.start("coder", { input: "add(1, 2) returns -1; please fix it." });
    const events = await collectEvents(handle.events);
    const result = await handle.result;
    expect(result).toMatchObject({ status: "completed", output: "Fixed add().", toolCalls: calls.length });

    const state = (await store.runs.get(result.runId))!.state as unknown as RunState;
    const byStep = state.toolCalls.map((call) => ({
      tool: call.toolName,
      status: call.status,
      error: call.error,
    }));
    expect(byStep.map((call) => [call.tool, call.error?.code ?? "ok"])).toEqual([
      ["fs_write", "WORKSPACE_PATH_OUTSIDE_SCOPE"],
      ["fs_write", "WORKSPACE_PATH_OUTSIDE_SCOPE"],
      ["test_modification", "ok"],
      ["fs_patch", "WORKSPACE_TEST_WEAKENED"],
      ["fs_write", "ok"],
      ["fs_write", "WORKSPACE_DIFF_TOO_LARGE"],
      ["fs_write", "WORKSPACE_APPROVAL_REQUIRED"],
      ["fs_patch", "ok"],
      ["final_report", "ok"],
    ]);
    // The reasons, as the model read them and as the run result keeps them.
    const reasons = state.toolCalls.map((call) => call.error?.message ?? "");
    expect(reasons[0]).toContain("../outside.txt climbs out of the workspace root");
    expect(reasons[1]).toContain(
      "src/elsewhere/evil.ts follows a symlink that leads outside the workspace root",
    );
    expect(reasons[3]).toContain(
      "weakens the tests: 1 assertion(s) weakened to a check that accepts almost anything: `expect(add(1, 2)).toBe(3);` became `expect(add(1, 2)).toBeDefined();`",
    );
    expect(reasons[5]).toContain("would bring the run's changed lines to 1,100");
    expect(reasons[5]).toContain("over the block limit of 1,000");
    expect(reasons[6]).toContain("src/auth/session.ts is behind a trust boundary");
    // The same errors in the event stream.
    expect(toolEnds(events).map((event) => event.error?.code ?? "ok")).toEqual(
      byStep.map((call) => call.error?.code ?? "ok"),
    );
    expect(toolEnds(events)[3]!.error!.message).toBe(reasons[3]);

    // The permitted write warned; the final report was flagged.
    expect(state.toolCalls[4]!.output).toMatchObject({
      runChangedLines: 400,
      warning: expect.stringContaining("warning level of 300"),
    });
    const report = state.toolCalls[8]!.output as {
      consistent: boolean;
      flags: Array<{ kind: string; message: string }>;
    };
    expect(report.consistent).toBe(false);
    expect(report.flags).toEqual([
      expect.objectContaining({
        kind: "verification-missing",
        message:
          '"All tests pass" cites `npm test`, but no shell_run of that command is recorded in this run.',
      }),
    ]);

    // Nothing refused reached the disk.
    expect(existsSync(join(repo, "..", "outside.txt"))).toBe(false);
    expect(existsSync(join(elsewhere, "evil.ts"))).toBe(false);
    expect(readFileSync(join(repo, "test/math.test.ts"), "utf8")).toBe(mathTest);
    expect(existsSync(join(repo, "src/more.ts"))).toBe(false);
    expect(readFileSync(join(repo, "src/auth/session.ts"), "utf8")).toContain("3600");
    expect(readFileSync(join(repo, "src/math.ts"), "utf8")).toBe(mathSource.replace("a - b", "a + b"));
    // The run's ledger survives beside the repository for a resume.
    expect(existsSync(join(repo, ".gantry/workspace-edits", `${result.runId}.json`))).toBe(true);
  });

  it("accepts a final report whose passing claim is backed by a recorded shell_run after the fix", async () => {
    const repo = makeRepo();
    const workspace = createWorkspaceTools({
      root: repo,
      scopes: { write: ["src/**"] },
      shell: { allow: ["node check.mjs"], timeoutMs: 30_000 },
    });
    const calls: Call[] = [
      {
        name: "fs_patch",
        arguments: { path: "src/math.ts", edits: [{ search: "a - b", replace: "a + b" }] },
      },
      { name: "shell_run", arguments: { command: "node", args: ["check.mjs"] } },
      {
        name: "final_report",
        arguments: {
          changed: ["src/math.ts"],
          verified: [{ how: "the check passes", command: "node check.mjs" }],
          notVerified: ["the full test suite"],
          assumptions: [],
        },
      },
    ];
    const agent = defineAgent({ name: "coder", instructions: "Fix add().", tools: workspace.tools });
    const { runtime, store } = await runtimeHarness({
      agents: [agent],
      scenario: scriptedScenario(calls, "Done."),
    });
    const result = await runtime.run("coder", { input: "fix add" });
    const state = (await store.runs.get(result.runId))!.state as unknown as RunState;
    expect(state.toolCalls.map((call) => call.error?.code ?? "ok")).toEqual(["ok", "ok", "ok"]);
    expect(state.toolCalls[1]!.output).toMatchObject({ exitCode: 0, command: "node check.mjs" });
    expect(state.toolCalls[2]!.output).toMatchObject({
      consistent: true,
      flags: [],
      actual: { changed: ["src/math.ts"] },
    });
  });
});
