import { describe, expect, it } from "vitest";
import type { EditRecord } from "./edit-ledger.js";
import { checkFinalReport } from "./final-report-check.js";

const root = "/nonexistent-root";

function record(overrides: Partial<EditRecord> = {}): EditRecord {
  return {
    version: 1,
    runId: "run-1",
    seq: 3,
    files: {
      "src/math.ts": { baseline: "old\n", changedLines: 4 },
      "src/reverted.ts": { baseline: "same\n", changedLines: 0 },
    },
    writes: [
      { seq: 1, toolCallId: "c1", tool: "fs_write", path: "src/math.ts", changedLines: 4, at: "" },
      { seq: 2, toolCallId: "c2", tool: "fs_write", path: "src/reverted.ts", changedLines: 0, at: "" },
    ],
    testModifications: [],
    flags: [],
    shellRuns: [{ seq: 3, toolCallId: "c3", command: "npm test", exitCode: 0, timedOut: false, at: "" }],
    ...overrides,
  };
}

const honest = {
  changed: ["src/math.ts"],
  verified: [{ how: "unit tests pass", command: "npm  test" }],
  notVerified: [],
  assumptions: [],
};

describe("checkFinalReport", () => {
  it("accepts a report that matches the run", () => {
    const check = checkFinalReport(root, honest, record());
    expect(check).toMatchObject({ consistent: true, flags: [] });
    expect(check.actual).toMatchObject({ changed: ["src/math.ts"], changedLines: 4 });
  });

  it("flags unlisted changes and listed files this run did not change", () => {
    const check = checkFinalReport(
      root,
      { ...honest, changed: ["src/reverted.ts", "src/other.ts"] },
      record(),
    );
    expect(check.flags.map((flag) => [flag.kind, flag.path])).toEqual([
      ["unlisted-change", "src/math.ts"],
      ["listed-unchanged", "src/reverted.ts"],
      ["listed-unchanged", "src/other.ts"],
    ]);
    expect(check.consistent).toBe(false);
  });

  it("flags a passing claim with no recorded run, a failed run, or edits after the run", () => {
    const missing = checkFinalReport(
      root,
      { ...honest, verified: [{ how: "tests pass", command: "npx vitest run" }] },
      record(),
    );
    expect(missing.flags).toEqual([
      expect.objectContaining({ kind: "verification-missing", command: "npx vitest run" }),
    ]);
    const failed = record({
      shellRuns: [{ seq: 3, toolCallId: "c3", command: "npm test", exitCode: 1, timedOut: false, at: "" }],
    });
    expect(checkFinalReport(root, honest, failed).flags[0]).toMatchObject({
      kind: "verification-failed",
      message: expect.stringContaining("exited 1"),
    });
    const stale = record({
      writes: [
        ...record().writes,
        { seq: 4, toolCallId: "c4", tool: "fs_patch", path: "src/math.ts", changedLines: 4, at: "" },
      ],
    });
    expect(checkFinalReport(root, honest, stale).flags[0]?.kind).toBe("verification-stale");
  });

  it("flags a claim that tests pass without naming a command when nothing passed", () => {
    const report = { ...honest, verified: [{ how: "All tests pass now." }] };
    expect(checkFinalReport(root, report, record({ shellRuns: [] })).flags[0]?.kind).toBe(
      "verification-unbacked",
    );
    expect(checkFinalReport(root, report, record()).flags).toEqual([]);
    const reading = { ...honest, verified: [{ how: "Read the code path by hand" }] };
    expect(checkFinalReport(root, reading, record({ shellRuns: [] })).flags).toEqual([]);
  });

  it("carries approved test weakenings into the flags and lists test modifications", () => {
    const check = checkFinalReport(
      root,
      honest,
      record({
        testModifications: [
          { seq: 1, toolCallId: "t", path: "test/a.test.ts", justification: "the spec changed", at: "" },
        ],
        flags: [
          {
            seq: 2,
            toolCallId: "c",
            kind: "test-weakened",
            path: "test/a.test.ts",
            message: "1 test(s) deleted",
            at: "",
          },
        ],
      }),
    );
    expect(check.flags).toEqual([
      { kind: "test-weakened", path: "test/a.test.ts", message: "1 test(s) deleted" },
    ]);
    expect(check.actual.testModifications).toEqual([
      { path: "test/a.test.ts", justification: "the spec changed" },
    ]);
  });
});
