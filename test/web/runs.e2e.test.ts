import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumAvailable, requireChromium, visibleText } from "./browser-harness.js";
import { sampleRuns } from "./fake-run-samples.js";
import { buildSampleTraces, sampleNames } from "./fake-trace-samples.js";
import {
  eventually,
  rowTexts,
  screenshot,
  traceNamed,
  useTraceExplorerBrowser,
} from "./trace-explorer-harness.js";

// The runs pages as a person uses them: the list with its status badges and filters, a paused run with
// the command that resumes it, a finished run's tool calls and its trace, a breaker trip, a failure.
// The fake server's runs (fake-run-samples.ts) link to its sample traces.

requireChromium("runs browser tests");

function runRows(page: Page) {
  return page.getByRole("table", { name: "Runs" }).locator("tbody tr");
}

describe.skipIf(!chromiumAvailable)("runs in a real browser", () => {
  const openDashboard = useTraceExplorerBrowser();
  const orchestrator = traceNamed(buildSampleTraces(0), sampleNames.orchestratorRoot, 13);

  it("lists runs newest first with their status, and filters them by status and agent", async () => {
    const { page, problems, server } = await openDashboard();
    await page.goto(`${server.url}/`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Runs" }).click();
    await page.getByRole("heading", { name: "Runs", level: 1 }).waitFor();
    await eventually(
      () => runRows(page).count(),
      (count) => count === 6,
    );
    const texts = await rowTexts(runRows(page));
    expect(texts[0]).toContain(sampleRuns.runningId);
    expect(texts[0]).toContain("running");
    expect(texts[1]).toContain("support-triage");
    expect(texts[1]).toContain("completed");
    expect(texts[1]).toContain("$0.0135");
    expect(texts[1]).toContain(orchestrator.traceId.slice(0, 8));
    const paused = texts.find((text) => text.includes(sampleRuns.pausedId))!;
    expect(paused).toContain("paused");
    expect(paused).toContain("budget: Run budget of $0.05");
    expect(texts.at(-1)).toContain("3 d ago");
    expect(await page.title()).toBe("Runs · Gantry");
    await screenshot(page, "runs-list");

    await page.getByRole("radiogroup", { name: "Status" }).getByRole("radio", { name: "Paused" }).click();
    await eventually(
      () => runRows(page).count(),
      (count) => count === 1,
    );
    expect(new URL(page.url()).search).toBe("?status=paused");
    expect(server.apiRequests.some((request) => request.includes("status=paused"))).toBe(true);
    expect(await visibleText(runRows(page).first())).toContain("refund-desk");

    await page.getByRole("button", { name: "Clear filters" }).first().click();
    await page.getByLabel("Agent").fill("support-triage");
    await page.getByLabel("Agent").press("Enter");
    await eventually(
      () => runRows(page).count(),
      (count) => count === 3,
    );
    expect(new URL(page.url()).search).toBe("?agent=support-triage");
    expect(problems).toEqual([]);
  });

  it("shows a paused run with why it waits and the command that resumes it", async () => {
    const { page, problems, server } = await openDashboard();
    await page.goto(`${server.url}/runs`);
    await eventually(
      () => runRows(page).count(),
      (count) => count === 6,
    );
    await runRows(page).filter({ hasText: sampleRuns.pausedId }).locator("td").first().click();
    await page.getByRole("heading", { name: "refund-desk", level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/runs/${sampleRuns.pausedId}`);

    const pause = page.getByRole("region", { name: "Pause" });
    expect(await visibleText(pause)).toContain("Paused: budget");
    expect(await visibleText(pause)).toContain(sampleRuns.pauseMessage);
    expect(await visibleText(pause.locator(".run-resume-command"))).toBe(
      `gantry run --resume ${sampleRuns.pausedId}`,
    );
    expect(await visibleText(page.getByRole("region", { name: "Input" }))).toContain(
      '"reason": "charged twice"',
    );
    expect(await visibleText(page.getByRole("region", { name: "Output" }))).toContain("No final answer yet.");
    const calls = page.getByRole("list", { name: "Tool calls" }).getByRole("listitem");
    expect(await calls.count()).toBe(1);
    expect(await visibleText(calls.first())).toContain("lookup_order");
    await screenshot(page, "run-detail-paused");
    expect(problems).toEqual([]);
  });

  it("shows a finished run's input, output, tool calls and cost, and opens its trace", async () => {
    const { page, problems, server } = await openDashboard();
    await page.goto(`${server.url}/runs/${sampleRuns.completedId}`);
    await page.getByRole("heading", { name: "support-triage", level: 1 }).waitFor();
    expect(await page.title()).toBe(`Run ${sampleRuns.completedId} · Gantry`);
    const totals = await visibleText(page.locator("dl.stat-row"));
    expect(totals).toContain("$0.0135");
    expect(totals).toMatch(/steps\s*3/i);
    expect(totals).toMatch(/tool calls\s*2/i);
    expect(await visibleText(page.getByRole("region", { name: "Output" }))).toContain(
      sampleRuns.completedOutput,
    );
    expect(await visibleText(page.getByRole("region", { name: "Stop reason" }))).toContain("final-answer");
    const calls = await rowTexts(page.getByRole("list", { name: "Tool calls" }).getByRole("listitem"));
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatch(/^step 1/i);
    expect(calls[0]).toContain("lookup_order");
    expect(calls[0]).toContain("delivered");
    expect(calls[1]).toContain("issue_refund");
    expect(calls[1]).toContain("rf_8812");
    expect(calls.every((call) => call.includes("completed"))).toBe(true);
    await screenshot(page, "run-detail");

    await page.getByRole("link", { name: "Open trace" }).click();
    await page.waitForURL(`**/traces/${orchestrator.traceId}`);
    await page.getByRole("heading", { name: sampleNames.orchestratorRoot, level: 1 }).waitFor();
    expect(problems).toEqual([]);
  });

  it("shows the breaker's trip, a failed run's error and a run that is not there", async () => {
    const { page, problems, server } = await openDashboard();
    await page.goto(`${server.url}/runs/${sampleRuns.breakerId}`);
    await page.getByRole("heading", { name: "loop-prone", level: 1 }).waitFor();
    const trips = page.getByRole("list", { name: "Breaker trips" });
    expect(await visibleText(trips)).toContain("repeated-tool-call → stop-tools-and-summarize");
    expect(await visibleText(trips)).toContain(sampleRuns.tripMessage);
    expect(await visibleText(page.getByRole("region", { name: "Stop reason" }))).toContain("breaker");
    expect(await visibleText(page.locator("dl.stat-row"))).toContain("tools disabled");
    await screenshot(page, "run-detail-breaker");

    await page.goto(`${server.url}/runs/${sampleRuns.failedId}`);
    await page.getByRole("heading", { name: "billing-assistant", level: 1 }).waitFor();
    const failure = await visibleText(page.getByRole("region", { name: "Error" }));
    expect(failure).toContain("RUN_LIMIT_REACHED");
    expect(failure).toContain("Raise limits.wallClockMs");
    const call = await visibleText(
      page.getByRole("list", { name: "Tool calls" }).getByRole("listitem").first(),
    );
    expect(call).toContain("failed");
    expect(call).toContain("TOOL_TIMEOUT");

    await page.goto(`${server.url}/runs/run_missing`);
    await page.getByRole("heading", { name: "Run not found" }).waitFor();
    expect(await visibleText(page.getByRole("alert"))).toContain("RUN_NOT_FOUND");
    // The 404 of the missing run is the one console error a browser reports for it.
    expect(problems.filter((problem) => !problem.includes("404"))).toEqual([]);
  });
});
