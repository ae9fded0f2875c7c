import { describe, expect, it } from "vitest";
import { compareRuns } from "../../src/evals/compare/index.js";
import { gateVerdict } from "../../src/evals/gate/index.js";
import type { TrialResult } from "../../src/evals/index.js";
import { escapeXml, jsonReport, junitReport, terminalReport } from "../../src/evals/report/index.js";
import { summarizeTrials } from "../../src/evals/runner/index.js";
import { parseXml } from "./support/parse-xml.js";
import { failing, inconclusive, passing } from "./support/trials.js";

const run = {
  id: "evr_01",
  suite: "triage",
  datasetName: "triage",
  datasetHash: "a".repeat(64),
  label: "main",
  status: "completed" as const,
  createdAt: "2026-11-24T09:00:00.000Z",
};

const nasty = `expected <refund> & "got" 'other'\u0000\u0007 ]]> \uD800 end`;

function input(results: TrialResult[], baseline?: TrialResult[]) {
  const summary = summarizeTrials(results, 1234);
  const comparison = baseline
    ? compareRuns({ id: "evr_00", results: baseline }, { id: run.id, results })
    : undefined;
  const verdict = gateVerdict({
    summary,
    results,
    thresholds: { passRate: 0.9 },
    ...(comparison ? { comparison } : {}),
  });
  return { run, summary, results, ...(comparison ? { comparison } : {}), verdict };
}

const results = [
  passing("refund-basic", 0),
  passing("refund-basic", 1),
  passing("shipping-late", 0),
  failing("shipping-late", 1, nasty),
  inconclusive("account-locked", 0),
  passing("account-locked", 1),
];

describe("terminal report", () => {
  it("shows each case, the first failure, the totals with intervals, the flips and the verdict", () => {
    const lines = terminalReport(
      input(results, [passing("refund-basic"), passing("shipping-late"), failing("account-locked")]),
    );
    const text = lines.join("\n");
    expect(lines[0]).toBe(`eval triage run evr_01 · dataset triage@${"a".repeat(12)} · label main`);
    expect(text).toMatch(/✔\s+refund-basic\s+2\/2\s+equals 1\.00\s+\$0\.000200\s+20ms/);
    expect(text).toMatch(
      /✖\s+shipping-late\s+1\/2\s+equals 0\.50\s+\$0\.000200\s+20ms\s+trial 2: equals 0\.00: expected <refund>/,
    );
    expect(text).toMatch(
      /\?\s+account-locked\s+1\/2 \(1 inconclusive\)\s+equals 1\.00\s+unknown\s+20ms\s+trial 1: MODEL_CALL_FAILED/,
    );
    expect(text).toContain("cases      1 passed, 1 failed, 1 inconclusive (3 cases, 6 trials)");
    expect(text).toMatch(/pass rate {2}80% of 5 decided trials, 95% interval \[37\.6%, 96\.4%\]/);
    expect(text).toContain("baseline   run evr_00: pass rate");
    expect(text).toContain("score      equals mean 0.800, variance 0.200 (n 5), 95% interval [0.24, 1.00]");
    expect(text).toContain("▲ account-locked  fail → pass");
    // Control characters from an answer never reach the terminal.
    expect(text.includes("\u0000") || text.includes("\u0007")).toBe(false);
    expect(text).toContain("▼ shipping-late  pass → fail");
    expect(text).toContain("gate       exit 100");
  });
});

describe("JSON report", () => {
  it("holds the run, summary, every trial, the comparison and the verdict", () => {
    const report = jsonReport(input(results)) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(["run", "summary", "results", "comparison", "verdict"]);
    expect((report.results as unknown[]).length).toBe(6);
    expect(report.comparison).toBeNull();
    expect((report.verdict as { exitCode: number }).exitCode).toBe(100);
  });
});

describe("JUnit report", () => {
  it("is well-formed XML with one testsuite per run and one testcase per case, even for hostile text", () => {
    const xml = junitReport(input(results));
    const root = parseXml(xml);
    expect(root.name).toBe("testsuites");
    expect(root.children).toHaveLength(1);
    const suite = root.children[0]!;
    expect(suite.name).toBe("testsuite");
    expect(suite.attributes).toMatchObject({
      name: "triage",
      id: "evr_01",
      tests: "3",
      failures: "1",
      skipped: "1",
      errors: "0",
    });
    const testcases = suite.children.filter((child) => child.name === "testcase");
    expect(testcases.map((testcase) => testcase.attributes.name)).toEqual([
      "refund-basic",
      "shipping-late",
      "account-locked",
    ]);
    expect(testcases[0]!.children).toEqual([]);
    const failure = testcases[1]!.children.find((child) => child.name === "failure")!;
    // The reason survives the round trip, with the characters XML cannot carry replaced.
    expect(failure.attributes.message).toBe(
      `trial 2: equals 0.00: expected <refund> & "got" 'other'\uFFFD\uFFFD ]]> \uFFFD end`,
    );
    expect(failure.text).toContain("1 of 2 trials passed");
    const skipped = testcases[2]!.children.find((child) => child.name === "skipped")!;
    expect(skipped.attributes.message).toMatch(/^inconclusive: trial 1: MODEL_CALL_FAILED/);
    const properties = suite.children.find((child) => child.name === "properties")!;
    expect(
      properties.children.find((p) => p.attributes.name === "gantry.eval.gate_exit_code")?.attributes.value,
    ).toBe("100");
  });

  it("the checker itself rejects what is not well-formed", () => {
    expect(() => parseXml("<a><b></a></b>")).toThrow(/closes/);
    expect(() => parseXml('<a x="1 & 2"/>')).toThrow(/entity/);
    expect(() => parseXml("<a>1 < 2</a>")).toThrow();
    expect(() => parseXml("<a>\u0000</a>")).toThrow(/not allowed/);
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/duplicate/);
    expect(() => parseXml("<a/><b/>")).toThrow(/after the root/);
  });

  it("escapeXml keeps astral characters and escapes the five specials", () => {
    expect(escapeXml(`<a href="x">'&'</a> 😀`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt; 😀",
    );
  });
});
