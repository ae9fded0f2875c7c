import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumAvailable, requireChromium, visibleText } from "./browser-harness.js";
import type { DashboardOptions } from "./dashboard-browser.js";
import { sampleEvals } from "./fake-eval-samples.js";
import { buildSampleRuns, sampleRuns } from "./fake-run-samples.js";
import { buildSampleTraces } from "./fake-trace-samples.js";
import { eventually, rowTexts, screenshot, useTraceExplorerBrowser } from "./trace-explorer-harness.js";

// The Evals pages as a person uses them: the suites and their runs (pass rate with its interval, cases,
// cost), filtering by suite, starting a run, a run's gate verdict and cases with every score's reason
// and trace, the comparison with a baseline (flips, p-value, noise floor), and the trace page's
// "Add to dataset". The fake's runs (fake-eval-samples.ts) are answered by the server's JSON builders.

requireChromium("evals browser tests");

function rows(page: Page, table: string) {
  return page.getByRole("table", { name: table }).locator("tbody tr");
}

/** The sample traces and runs at one clock, so a test knows which trace has a run behind it. */
function samples(): DashboardOptions & { runTraceId: string; gatewayTraceId: string } {
  const now = Date.now();
  const traces = buildSampleTraces(now);
  const runs = buildSampleRuns(now, traces);
  const runTraceId = runs.find((run) => run.run.runId === sampleRuns.completedId)!.run.traceId!;
  const gatewayTraceId = traces.find(
    (trace) => !runs.some((run) => run.run.traceId === trace.traceId),
  )!.traceId;
  return { now, traces, runs, runTraceId, gatewayTraceId };
}

describe.skipIf(!chromiumAvailable)("evals pages in a real browser", () => {
  const openDashboard = useTraceExplorerBrowser();

  it("lists the suites and their runs with pass rates and intervals, and filters by suite", async () => {
    const { page, problems, server } = await openDashboard();
    await page.goto(`${server.url}/`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Evals" }).click();
    await page.getByRole("heading", { name: "Evals", level: 1 }).waitFor();
    expect(await page.title()).toBe("Evals · Gantry");
    await eventually(
      () => rows(page, "Eval runs").count(),
      (count) => count === 4,
    );
    const suites = await rowTexts(rows(page, "Suites"));
    expect(suites[0]).toMatch(/refunds.*prompt refund-reply@production\s*4/s);
    expect(suites[1]).toMatch(
      /triage.*agent support-triage\s*6.*category-equals, policy-judge\s*≥ 90%\s*Run/s,
    );
    expect(await visibleText(page.getByRole("list", { name: "Suite files that do not load" }))).toContain(
      "evals/billing.yaml does not load",
    );
    const [running, current, refunds, baseline] = await rowTexts(rows(page, "Eval runs"));
    expect(running).toMatch(/triage.*running.*5 of 12 trials/s);
    expect(current).toMatch(/triage.*pr-412\s*completed\s*82%\s*\d+(\.\d)?–\d+(\.\d)?%/s);
    expect(current).toContain("4 passed");
    expect(current).toContain("1 failed");
    expect(current).toContain("1 inconclusive");
    expect(refunds).toMatch(/refunds.*main\s*completed\s*100%/s);
    expect(baseline).toMatch(/triage.*main\s*completed\s*83%/s);
    await screenshot(page, "evals-list");

    await page.getByRole("radiogroup", { name: "Suite" }).getByRole("radio", { name: "refunds" }).click();
    await eventually(
      () => rows(page, "Eval runs").count(),
      (count) => count === 1,
    );
    expect(new URL(page.url()).search).toBe("?suite=refunds");
    expect(server.apiRequests).toContain("/api/v1/evals/runs?suite=refunds&limit=100");
    expect(problems).toEqual([]);
  });

  it("shows a run's gate verdict, totals and every case with its scores, reasons and traces", async () => {
    const { page, problems, server } = await openDashboard();
    await page.goto(`${server.url}/evals`);
    await rows(page, "Eval runs").filter({ hasText: "pr-412" }).getByRole("link").click();
    await page.getByRole("heading", { name: "triage", level: 1 }).waitFor();
    expect(await page.title()).toBe(`Eval run ${sampleEvals.currentId.slice(-8)} · Gantry`);
    const gate = page.getByRole("region", { name: "Gate verdict" });
    expect(await visibleText(gate)).toContain("failed cases · exit 100");
    expect(await visibleText(gate)).toContain("is below the threshold 90%");
    expect(await visibleText(gate)).toContain("thresholds: pass rate ≥ 90%, faithfulness ≥ 0.7");
    const totals = await visibleText(page.getByRole("definition").first());
    expect(totals).toMatch(/^82%\s*\d+(\.\d)?–\d+(\.\d)?%$/);
    const cases = await rowTexts(rows(page, "Cases"));
    expect(cases).toHaveLength(6);
    const regressed = cases.find((text) => text.includes(sampleEvals.regressedCase))!;
    expect(regressed).toMatch(/wrong-queue.*failed\s*0\/2/s);
    expect(regressed).toContain(sampleEvals.regressionReason);
    expect(regressed).toContain("promises a refund within 24 hours");
    const inconclusive = cases.find((text) => text.includes(sampleEvals.inconclusiveCase))!;
    expect(inconclusive).toMatch(/inconclusive\s*1\/2 \(1 \?\)/);
    expect(inconclusive).toContain(sampleEvals.judgeUnavailable);
    // The baseline comparison in brief, with a link to the full one.
    const baseline = page.getByRole("region", { name: "Comparison" });
    expect(await visibleText(baseline)).toMatch(
      /Pass rate change\s*−1\.5 pp.*Regressions\s*1\s*Improvements\s*1/is,
    );
    await screenshot(page, "eval-run-detail");

    // Each trial ran in a trace; its link opens the trace page.
    await rows(page, "Cases")
      .filter({ hasText: sampleEvals.regressedCase })
      .getByRole("link")
      .first()
      .click();
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/traces\/[0-9a-f]{32}$/);
    expect(problems).toEqual([]);
  });

  it("compares a run with its baseline: flips highlighted, p-value, noise floor, and another baseline picked", async () => {
    const { page, problems, server } = await openDashboard();
    await page.goto(`${server.url}/evals/runs/${sampleEvals.currentId}`);
    await page.getByRole("link", { name: "Open the comparison" }).click();
    await page.getByRole("heading", { name: "Compare runs of triage", level: 1 }).waitFor();
    const summary = page.getByRole("region", { name: "Comparison" });
    await summary.waitFor();
    expect(await visibleText(summary)).toContain("no significant regression");
    expect(await visibleText(summary)).toMatch(/Pass rate\s*83% → 82%\s*−1\.5 pp/i);
    expect(await visibleText(summary)).toMatch(/p-value\s*1\b/i);
    expect(await visibleText(summary)).toMatch(/Noise floor\s*± \d+(\.\d)? pp/i);
    const table = rows(page, "Cases compared");
    const regressed = table.filter({ hasText: sampleEvals.regressedCase });
    expect(await regressed.getAttribute("class")).toContain("comparison-regression");
    expect(await visibleText(regressed)).toMatch(/regressed\s*pass\s*2\/2.*fail\s*0\/2/s);
    const improved = table.filter({ hasText: sampleEvals.improvedCase });
    expect(await improved.getAttribute("class")).toContain("comparison-improvement");
    expect(await visibleText(improved)).toContain("improved");
    expect(await page.getByLabel("Baseline").inputValue()).toBe(sampleEvals.baselineId);
    await screenshot(page, "eval-compare");

    await page.getByLabel("Baseline").selectOption(sampleEvals.runningId);
    await eventually(
      () => visibleText(page.locator(".comparison-runs")),
      (text) => text.includes(sampleEvals.runningId.slice(-8)),
    );
    expect(new URL(page.url()).search).toBe(
      `?baseline=${sampleEvals.runningId}&run=${sampleEvals.currentId}`,
    );
    expect(problems).toEqual([]);
  });

  it("starts a run of a suite and opens it while it runs", async () => {
    const { page, problems, server } = await openDashboard();
    await page.goto(`${server.url}/evals`);
    await page.getByRole("button", { name: "Run suite refunds" }).click();
    await page.getByRole("heading", { name: "refunds", level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/evals\/runs\/evr_/);
    expect(await visibleText(page.locator(".trace-title-line"))).toMatch(/running\s*0 of 4 trials done/);
    expect(await visibleText(page.getByRole("region", { name: "Gate verdict" }))).toContain(
      "the run is still going",
    );
    expect(problems).toEqual([]);
  });

  it("adds a trace to a suite's dataset from the trace page, and says why it cannot twice or without a run", async () => {
    const options = samples();
    const { page, problems, server } = await openDashboard(options);
    await page.goto(`${server.url}/traces/${options.runTraceId}`);
    await page.getByRole("button", { name: "Add to dataset" }).click();
    const panel = page.getByRole("region", { name: "Add to dataset" });
    await panel.getByLabel("Suite").waitFor();
    // The suite that targets the trace's agent comes first.
    expect(await panel.getByLabel("Suite").inputValue()).toBe("triage");
    await panel.getByLabel("Expected answer (JSON, optional)").fill("refund");
    expect(await visibleText(panel)).toContain('put text in double quotes: "refund"');
    expect(await panel.getByRole("button", { name: "Add case" }).isDisabled()).toBe(true);
    await panel.getByLabel("Expected answer (JSON, optional)").fill('{"category": "refund"}');
    await panel.getByLabel("Failure class (optional)").fill("invented-policy");
    await screenshot(page, "trace-add-to-dataset");
    await panel.getByRole("button", { name: "Add case" }).click();
    const done = panel.getByRole("status");
    await done.waitFor();
    expect(await visibleText(done)).toContain(
      `Added case invented-policy-${options.runTraceId.slice(0, 8)} to evals/triage.yaml: suite triage now has 7 cases`,
    );

    // Again: the dataset already has this trace.
    await page.getByRole("button", { name: "Add to dataset" }).click();
    await page.getByRole("button", { name: "Add to dataset" }).click();
    await panel.getByRole("button", { name: "Add case" }).click();
    const refused = panel.getByRole("alert");
    await refused.waitFor();
    expect(await visibleText(refused)).toContain("EVAL_CASE_EXISTS");

    // A gateway call has no run behind it: nothing to replay.
    await page.goto(`${server.url}/traces/${options.gatewayTraceId}`);
    await page.getByRole("button", { name: "Add to dataset" }).click();
    await panel.getByRole("button", { name: "Add case" }).click();
    await panel.getByRole("alert").waitFor();
    expect(await visibleText(panel.getByRole("alert"))).toContain("EVAL_TRACE_NO_INPUT");
    expect(problems.filter((problem) => !/40[09]/.test(problem))).toEqual([]);
  });

  it("says so for a run that does not exist", async () => {
    const { page, problems, server } = await openDashboard();
    await page.goto(`${server.url}/evals/runs/evr_nope`);
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await visibleText(alert)).toContain("Eval run not found");
    expect(await visibleText(alert)).toContain("EVAL_RUN_NOT_FOUND");
    expect(problems.filter((problem) => !problem.includes("404"))).toEqual([]);
  });
});
