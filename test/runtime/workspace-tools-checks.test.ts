import { existsSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GantryError } from "../../src/core/index.js";
import type { ApprovalCall, ApprovalCheck } from "../../src/guard/index.js";
import { createWorkspaceTools, type WorkspaceToolsOptions } from "../../src/runtime/index.js";
import { linesOfCode, makeRepo, mathTest, temporaryFolder, toolContext } from "./workspace-tools-repo.js";

// Each workspace check on a real temporary repository, calling the tools as the runtime does.

function tools(root: string, extra: Partial<WorkspaceToolsOptions> = {}) {
  return createWorkspaceTools({
    root,
    scopes: { read: ["**"], write: ["src/**", "test/**", "lib/**"] },
    shell: { allow: [process.execPath, "git status"], timeoutMs: 10_000 },
    ...extra,
  });
}

async function refusal(promise: unknown): Promise<GantryError> {
  try {
    await promise;
  } catch (error) {
    if (GantryError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("the call was not refused");
}

describe("path scopes on real paths", () => {
  it("writes inside the write scope and refuses outside it", async () => {
    const root = makeRepo();
    const { fsWrite, fsRead } = tools(root);
    const written = await fsWrite.execute(
      { path: "src/new.ts", content: "export {};\n" },
      toolContext("run-1"),
    );
    expect(written).toMatchObject({ path: "src/new.ts", created: true, changedLines: 1, runChangedLines: 1 });
    const outside = await refusal(
      fsWrite.execute({ path: "package.json", content: "{}" }, toolContext("run-1")),
    );
    expect(outside.code).toBe("WORKSPACE_PATH_OUTSIDE_SCOPE");
    expect(outside.message).toContain("package.json is outside the write scope (src/**, test/**, lib/**)");
    expect(readFileSync(join(root, "package.json"), "utf8")).toContain("demo");
    expect(await fsRead.execute({ path: "package.json" }, toolContext("run-1"))).toMatchObject({
      kind: "file",
    });
  });

  it("refuses .. escapes, absolute paths elsewhere and a symlink to /tmp", async () => {
    const root = makeRepo();
    const outside = temporaryFolder("gantry-elsewhere-");
    symlinkSync(outside, join(root, "src/elsewhere"));
    const { fsWrite, fsRead } = tools(root);
    for (const path of [
      "../escape.ts",
      "src/../../escape.ts",
      join(outside, "abs.ts"),
      "src/elsewhere/evil.ts",
    ]) {
      const error = await refusal(fsWrite.execute({ path, content: "x" }, toolContext("run-1")));
      expect(error.code, path).toBe("WORKSPACE_PATH_OUTSIDE_SCOPE");
    }
    expect(existsSync(join(outside, "evil.ts"))).toBe(false);
    writeFileSync(join(outside, "secret.txt"), "secret");
    const read = await refusal(fsRead.execute({ path: "src/elsewhere/secret.txt" }, toolContext("run-1")));
    expect(read.message).toContain("follows a symlink that leads outside the workspace root");
  });

  it("checks where a symlink inside the repo really leads: a link into test/ is protected", async () => {
    const root = makeRepo();
    symlinkSync(join(root, "test/math.test.ts"), join(root, "src/looks-harmless.ts"));
    const error = await refusal(
      tools(root).fsWrite.execute({ path: "src/looks-harmless.ts", content: "" }, toolContext("run-1")),
    );
    expect(error.code).toBe("WORKSPACE_PROTECTED_PATH");
    expect(error.message).toContain("src/looks-harmless.ts (really test/math.test.ts) is protected");
  });

  it("never reads or writes the edit ledger or .git", async () => {
    const root = makeRepo();
    const { fsWrite, fsRead } = tools(root, { scopes: { read: ["**"], write: ["**"] } });
    await fsWrite.execute({ path: "src/a.ts", content: "a\n" }, toolContext("run-1"));
    for (const path of [".gantry/workspace-edits/run-1.json", ".git/hooks/pre-commit"]) {
      const error = await refusal(fsWrite.execute({ path, content: "{}" }, toolContext("run-1")));
      expect(error).toMatchObject({ code: "WORKSPACE_PROTECTED_PATH", details: { reserved: true } });
    }
    expect(
      (await refusal(fsRead.execute({ path: ".gantry/workspace-edits/run-1.json" }, toolContext("run-1"))))
        .code,
    ).toBe("WORKSPACE_PROTECTED_PATH");
    expect(await fsRead.execute({ path: "." }, toolContext("run-1"))).toMatchObject({
      kind: "directory",
      entries: expect.not.arrayContaining([".gantry/"]),
    });
  });
});

describe("the test-gaming firewall", () => {
  it("keeps tests and CI config read-only until a justified test modification is logged", async () => {
    const root = makeRepo();
    const { fsWrite, testModification, record } = tools(root, { scopes: { read: ["**"], write: ["**"] } });
    const fixed = mathTest.replace("toBe(-3)", "toBe(-3.0)");
    const locked = await refusal(
      fsWrite.execute({ path: "test/math.test.ts", content: fixed }, toolContext("run-1")),
    );
    expect(locked.code).toBe("WORKSPACE_PROTECTED_PATH");
    expect(locked.message).toContain("matches **/*.test.*, test/**");
    expect(locked.message).toContain("call test_modification");
    const ci = await refusal(
      fsWrite.execute({ path: ".github/workflows/ci.yml", content: "" }, toolContext("run-1")),
    );
    expect(ci.code).toBe("WORKSPACE_PROTECTED_PATH");

    const tooShort = testModification.input.safeParse({ path: "test/math.test.ts", justification: "fix" });
    expect(tooShort.success).toBe(false);
    const unlocked = await testModification.execute(
      {
        path: "test/math.test.ts",
        justification: "The expected value uses the wrong sign convention from the spec.",
      },
      toolContext("run-1"),
    );
    expect(unlocked).toMatchObject({ path: "test/math.test.ts", unlocked: true });
    await fsWrite.execute({ path: "test/math.test.ts", content: fixed }, toolContext("run-1"));
    expect(readFileSync(join(root, "test/math.test.ts"), "utf8")).toBe(fixed);
    // The unlock is for that run and that path only.
    expect(
      (await refusal(fsWrite.execute({ path: "test/math.test.ts", content: fixed }, toolContext("run-2"))))
        .code,
    ).toBe("WORKSPACE_PROTECTED_PATH");
    expect((await record("run-1")).testModifications).toEqual([
      expect.objectContaining({
        path: "test/math.test.ts",
        justification: expect.stringContaining("sign convention"),
      }),
    ]);
  });

  it("refuses a weakening even after the unlock, naming what was weakened", async () => {
    const root = makeRepo();
    const { fsPatch, fsWrite, testModification } = tools(root);
    await testModification.execute(
      { path: "test/math.test.ts", justification: "Updating the suite for the new add semantics." },
      toolContext("run-1"),
    );
    const weakened = await refusal(
      fsPatch.execute(
        {
          path: "test/math.test.ts",
          edits: [{ search: "expect(add(1, 2)).toBe(3);", replace: "expect(add(1, 2)).toBeDefined();" }],
        },
        toolContext("run-1"),
      ),
    );
    expect(weakened.code).toBe("WORKSPACE_TEST_WEAKENED");
    expect(weakened.message).toContain(
      "`expect(add(1, 2)).toBe(3);` became `expect(add(1, 2)).toBeDefined();`",
    );
    const skipped = await refusal(
      fsWrite.execute(
        {
          path: "test/math.test.ts",
          content: mathTest.replace('it("adds negatives"', 'it.skip("adds negatives"'),
        },
        toolContext("run-1"),
      ),
    );
    expect(skipped.message).toContain("newly skipped");
    const deleted = await refusal(
      fsWrite.execute(
        {
          path: "test/math.test.ts",
          content: mathTest.replace(/\n {2}it\("adds negatives"[\s\S]*?\n {2}\}\);\n/, "\n"),
        },
        toolContext("run-1"),
      ),
    );
    expect(deleted.message).toContain('1 test(s) deleted: "adds negatives"');
    expect(readFileSync(join(root, "test/math.test.ts"), "utf8")).toBe(mathTest);
  });

  it("lets a weakening a person approved through, and flags it in the result and the final report", async () => {
    const root = makeRepo();
    const approvedCalls: ApprovalCall[] = [];
    const approvals = {
      check: async (call: ApprovalCall): Promise<ApprovalCheck> => {
        approvedCalls.push(call);
        return call.toolCallId === "approved-call"
          ? ({ state: "approved", approval: {} } as ApprovalCheck)
          : { state: "none" };
      },
    };
    const { fsWrite, testModification, finalReport } = tools(root, { approvals });
    await testModification.execute(
      { path: "test/math.test.ts", justification: "Negative numbers are no longer supported." },
      toolContext("run-1"),
    );
    const content = mathTest.replace(/\n {2}it\("adds negatives"[\s\S]*?\n {2}\}\);\n/, "\n");
    const result = await fsWrite.execute(
      { path: "test/math.test.ts", content },
      toolContext("run-1", "approved-call"),
    );
    expect(result.flags?.map((flag) => flag.kind)).toEqual(["test-deleted", "assertion-removed"]);
    expect(approvedCalls[0]).toEqual({
      runId: "run-1",
      toolCallId: "approved-call",
      tool: "fs_write",
      args: { path: "test/math.test.ts", content },
    });
    const report = await finalReport.execute(
      { changed: ["test/math.test.ts"], verified: [], notVerified: [], assumptions: [] },
      toolContext("run-1"),
    );
    expect(report.flags.map((flag) => [flag.kind, flag.message])).toEqual([
      ["test-weakened", 'test/math.test.ts: 1 test(s) deleted: "adds negatives" (approved)'],
      [
        "test-weakened",
        "test/math.test.ts: 1 assertion(s) removed: `expect(add(-1, -2)).toBe(-3);` (approved)",
      ],
    ]);
  });
});

describe("trust boundaries", () => {
  it("refuses auth changes without an approval, naming the approval route, and allows an approved call", async () => {
    const root = makeRepo();
    const approvals = {
      check: async (call: ApprovalCall): Promise<ApprovalCheck> =>
        call.toolCallId === "approved"
          ? ({ state: "approved", approval: {} } as ApprovalCheck)
          : ({ state: "pending", approval: {} } as ApprovalCheck),
    };
    const { fsWrite } = tools(root, { approvals });
    const args = { path: "src/auth/session.ts", content: "export const sessionTtlSeconds = 60;\n" };
    const error = await refusal(fsWrite.execute(args, toolContext("run-1")));
    expect(error.code).toBe("WORKSPACE_APPROVAL_REQUIRED");
    expect(error.message).toContain("matches **/auth/**");
    expect(error.message).toContain('@approval on Action::"tool:fs_write"');
    expect(await fsWrite.execute(args, toolContext("run-1", "approved"))).toMatchObject({
      path: "src/auth/session.ts",
    });
  });

  it("refuses without any approvals configured", async () => {
    const root = makeRepo();
    const error = await refusal(
      tools(root, { scopes: { write: ["**"] } }).fsWrite.execute(
        { path: "infra/main.tf", content: "" },
        toolContext("run-1"),
      ),
    );
    expect(error.code).toBe("WORKSPACE_APPROVAL_REQUIRED");
  });
});

describe("the diff-size limit", () => {
  it("warns past warnLines and refuses past blockLines, counting the run's net change across calls and a resume", async () => {
    const root = makeRepo();
    const limits = { diffLimits: { warnLines: 30, blockLines: 100 } };
    const first = tools(root, limits);
    const small = await first.fsWrite.execute(
      { path: "src/a.ts", content: linesOfCode(20, "a") },
      toolContext("run-1"),
    );
    expect(small.warning).toBeUndefined();
    const warned = await first.fsWrite.execute(
      { path: "src/b.ts", content: linesOfCode(20, "b") },
      toolContext("run-1"),
    );
    expect(warned).toMatchObject({
      runChangedLines: 40,
      warning: expect.stringContaining("past the warning level of 30"),
    });
    // The count is persisted beside the repository (a restarted process reads it back: edit-ledger.test.ts),
    // and another tool set on the same repository shares it.
    const persisted = JSON.parse(readFileSync(join(root, ".gantry/workspace-edits/run-1.json"), "utf8"));
    expect(Object.keys(persisted.files)).toEqual(["src/a.ts", "src/b.ts"]);
    const resumed = tools(root, limits);
    const blocked = await refusal(
      resumed.fsWrite.execute({ path: "src/c.ts", content: linesOfCode(70, "c") }, toolContext("run-1")),
    );
    expect(blocked.code).toBe("WORKSPACE_DIFF_TOO_LARGE");
    expect(blocked.message).toContain("would bring the run's changed lines to 110");
    expect(blocked.message).toContain("over the block limit of 100");
    expect(existsSync(join(root, "src/c.ts"))).toBe(false);
    // Reverting an earlier file frees its lines: the count is net, as a reviewer's diff shows it.
    await resumed.fsWrite.execute({ path: "src/a.ts", content: "" }, toolContext("run-1"));
    expect((await resumed.record("run-1")).files["src/a.ts"]).toEqual({ baseline: null, changedLines: 0 });
    expect(
      await resumed.fsWrite.execute(
        { path: "src/c.ts", content: linesOfCode(70, "c") },
        toolContext("run-1"),
      ),
    ).toMatchObject({
      runChangedLines: 90,
    });
    // Another run starts from zero.
    expect(
      await resumed.fsWrite.execute({ path: "src/d.ts", content: linesOfCode(5, "d") }, toolContext("run-2")),
    ).toMatchObject({
      runChangedLines: 5,
    });
  });

  it("lets concurrent writes of one run pass only while they fit together", async () => {
    const root = makeRepo();
    const { fsWrite } = tools(root, { diffLimits: { warnLines: 50, blockLines: 100 } });
    const outcomes = await Promise.allSettled([
      fsWrite.execute({ path: "src/x.ts", content: linesOfCode(60, "x") }, toolContext("run-1")),
      fsWrite.execute({ path: "src/y.ts", content: linesOfCode(60, "y") }, toolContext("run-1")),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
  });
});

describe("shell_run and the final report", () => {
  it("runs only allowlisted commands (a name, or a name and leading arguments)", async () => {
    const root = makeRepo();
    const { shellRun } = tools(root);
    const refused = await refusal(
      shellRun.execute({ command: "rm", args: ["-rf", "."] }, toolContext("run-1")),
    );
    expect(refused).toMatchObject({ code: "WORKSPACE_COMMAND_NOT_ALLOWED" });
    expect(refused.message).toContain("`rm -rf .` is not an allowlisted command");
    expect(
      (await refusal(shellRun.execute({ command: "git", args: ["push"] }, toolContext("run-1")))).code,
    ).toBe("WORKSPACE_COMMAND_NOT_ALLOWED");
    const ran = await shellRun.execute(
      { command: process.execPath, args: ["check.mjs"] },
      toolContext("run-1"),
    );
    expect(ran).toMatchObject({ exitCode: 1, timedOut: false, command: `${process.execPath} check.mjs` });
  });

  it("accepts a report backed by a passing run after the last edit, and flags what is not", async () => {
    const root = makeRepo();
    const { fsPatch, shellRun, finalReport } = tools(root);
    const command = `${process.execPath} check.mjs`;
    await shellRun.execute({ command: process.execPath, args: ["check.mjs"] }, toolContext("run-1"));
    const early = await finalReport.execute(
      { changed: [], verified: [{ how: "the check passes", command }], notVerified: [], assumptions: [] },
      toolContext("run-1"),
    );
    expect(early.flags.map((flag) => flag.kind)).toEqual(["verification-failed"]);
    await fsPatch.execute(
      { path: "src/math.ts", edits: [{ search: "a - b", replace: "a + b" }] },
      toolContext("run-1"),
    );
    await shellRun.execute({ command: process.execPath, args: ["check.mjs"] }, toolContext("run-1"));
    const honest = await finalReport.execute(
      {
        changed: ["./src/math.ts"],
        verified: [{ how: "the check passes", command }],
        notVerified: ["the CI matrix"],
        assumptions: [],
      },
      toolContext("run-1"),
    );
    expect(honest).toMatchObject({
      consistent: true,
      flags: [],
      actual: { changed: ["src/math.ts"], changedLines: 2 },
    });
    const claimed = await finalReport.execute(
      {
        changed: ["src/math.ts"],
        verified: [{ how: "all tests pass", command: "npm test" }],
        notVerified: [],
        assumptions: [],
      },
      toolContext("run-1"),
    );
    expect(claimed.flags).toEqual([
      expect.objectContaining({ kind: "verification-missing", command: "npm test" }),
    ]);
  });
});

describe("options", () => {
  it("refuses a missing root, shell syntax in the allowlist, and warn above block", () => {
    expect(() => createWorkspaceTools({ root: "/nonexistent/repo", scopes: { write: [] } })).toThrow(
      /root .* is not a directory/,
    );
    const root = makeRepo();
    expect(() =>
      createWorkspaceTools({ root, scopes: { write: [] }, shell: { allow: ["npm test && curl x"] } }),
    ).toThrow(/shell syntax/);
    expect(() =>
      createWorkspaceTools({ root, scopes: { write: [] }, diffLimits: { warnLines: 500, blockLines: 100 } }),
    ).toThrow(/warnLines must not be above blockLines/);
  });

  it("marks reads read-only and writes and commands destructive", () => {
    const workspace = tools(makeRepo());
    expect(workspace.fsRead.annotations).toMatchObject({ readOnly: true });
    expect(workspace.fsWrite.annotations).toMatchObject({ destructive: true });
    expect(workspace.fsPatch.annotations).toMatchObject({ destructive: true });
    expect(workspace.shellRun.annotations).toMatchObject({ destructive: true });
    expect(workspace.tools.map((tool) => tool.name)).toEqual([
      "fs_read",
      "fs_write",
      "fs_patch",
      "shell_run",
      "test_modification",
      "final_report",
    ]);
  });
});
