import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  chromiumAvailable,
  chromiumPath,
  chromiumRequired,
  launchChromium,
  openBrowserPage,
  visibleText,
  warnIfChromiumMissing,
} from "./browser-harness.js";
import { dashboardFolder, ensureDashboardBuild, repositoryRoot } from "./ensure-dashboard-build.js";
import {
  type FakeControlPlane,
  type FakeControlPlaneOptions,
  startFakeControlPlane,
} from "./fake-control-plane.js";
import { type FakeTrace, seededRandom, TraceBuilder } from "./fake-trace-builder.js";
import { buildSampleTraces, sampleNames } from "./fake-trace-samples.js";

// Screenshots go to test-artifacts/ (kept by CI, ignored by git) and to /tmp for a quick look.
const artifactsFolder = join(repositoryRoot, "test-artifacts");

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsFolder, { recursive: true });
  await page.screenshot({ path: join(artifactsFolder, `${name}.png`), fullPage: true });
  await page.screenshot({ path: `/tmp/gantry-${name}.png`, fullPage: true });
}

function traceNamed(traces: readonly FakeTrace[], rootName: string, spanCount: number): FakeTrace {
  const trace = traces.find(
    (candidate) => candidate.spans.length === spanCount && candidate.spans[0]?.name === rootName,
  );
  if (trace === undefined) throw new Error(`no sample trace ${rootName} with ${spanCount} spans`);
  return trace;
}

/** Polls until `read` gives what `accept` wants; fails with the last value after the deadline. */
async function eventually<Value>(
  read: () => Promise<Value>,
  accept: (value: Value) => boolean,
  timeoutMs = 10_000,
): Promise<Value> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function traceRows(page: Page): Locator {
  return page.getByRole("table", { name: "Traces" }).locator("tbody tr");
}

async function rowTexts(rows: Locator): Promise<string[]> {
  const texts: string[] = [];
  for (const row of await rows.all()) texts.push(await visibleText(row));
  return texts;
}

interface WaterfallRowInfo {
  name: string;
  level: number;
  offsetPercent: number;
  barLeft: number;
  selected: boolean;
}

async function waterfallRows(page: Page): Promise<WaterfallRowInfo[]> {
  const rows: WaterfallRowInfo[] = [];
  for (const row of await page.getByRole("treeitem").all()) {
    const bar = row.locator(".waterfall-bar");
    rows.push({
      name: await visibleText(row.locator(".span-name")),
      level: Number(await row.getAttribute("aria-level")),
      offsetPercent: Number(await bar.getAttribute("data-offset-percent")),
      barLeft: (await bar.boundingBox())?.x ?? Number.NaN,
      selected: (await row.getAttribute("aria-selected")) === "true",
    });
  }
  return rows;
}

function spanDetails(page: Page): Locator {
  return page.getByRole("complementary", { name: "Span details" });
}

warnIfChromiumMissing("trace explorer browser tests");

describe.runIf(!chromiumAvailable && chromiumRequired)("trace explorer browser test prerequisites", () => {
  it(`finds chromium at ${chromiumPath}`, () => {
    throw new Error(`${chromiumPath} is missing; install it with: apt-get install -y chromium`);
  });
});

describe.skipIf(!chromiumAvailable)("trace explorer in a real browser", () => {
  let browser: Browser;
  let context: BrowserContext | undefined;
  let controlPlane: FakeControlPlane | undefined;
  // Ids come from a seeded generator, so they are the same whatever clock the traces are placed at.
  const traces = buildSampleTraces(0);
  const orchestrator = traceNamed(traces, sampleNames.orchestratorRoot, 13);
  const backfill = traceNamed(traces, sampleNames.backfillRoot, 5_000);

  beforeAll(async () => {
    await ensureDashboardBuild();
    browser = await launchChromium();
  });

  afterEach(async () => {
    await context?.close();
    await controlPlane?.close();
    context = undefined;
    controlPlane = undefined;
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function openDashboard(options: Omit<FakeControlPlaneOptions, "dashboardFolder"> = {}) {
    const now = Date.now();
    controlPlane = await startFakeControlPlane({
      dashboardFolder,
      now,
      traces: buildSampleTraces(now),
      ...options,
    });
    const opened = await openBrowserPage(browser);
    context = opened.context;
    return { page: opened.page, problems: opened.problems, server: controlPlane };
  }

  it("lists traces and narrows them with filters kept in the URL", async () => {
    const { page, problems, server } = await openDashboard();
    await page.goto(`${server.url}/`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Traces" }).click();
    await page.getByRole("heading", { name: "Traces", level: 1 }).waitFor();
    await eventually(
      () => traceRows(page).count(),
      (count) => count === 8,
    );
    const texts = await rowTexts(traceRows(page));
    // Newest first: the `gantry models call` from 40 s ago, then the conversation's two turns.
    expect(texts[0]).toContain("chat gpt-4.1-mini");
    expect(texts[0]).toMatch(/\d+ s ago/);
    expect(texts[2]).toContain("support-triage");
    expect(texts[2]).toContain("$0.0135");
    expect(texts.at(-1)).toContain("3 d ago");
    await screenshot(page, "traces-list");

    await page.getByRole("radiogroup", { name: "Status" }).getByRole("radio", { name: "Error" }).click();
    await eventually(
      () => traceRows(page).count(),
      (count) => count === 1,
    );
    expect(new URL(page.url()).search).toBe("?status=error");
    const errorRow = await visibleText(traceRows(page).first());
    expect(errorRow).toContain("billing-assistant");
    expect(errorRow).toContain(sampleNames.errorMessage);
    expect(errorRow).toContain("error");
    expect(server.apiRequests.some((request) => request.includes("status=error"))).toBe(true);
    await screenshot(page, "traces-error-filter");

    await page.getByRole("button", { name: "Clear filters" }).click();
    await eventually(
      () => traceRows(page).count(),
      (count) => count === 8,
    );
    expect(new URL(page.url()).search).toBe("");

    await page.getByRole("radiogroup", { name: "Time window" }).getByRole("radio", { name: "24 h" }).click();
    await eventually(
      () => traceRows(page).count(),
      (count) => count === 7,
    );
    await page.getByLabel("Agent").fill("order-lookup");
    await page.getByLabel("Agent").press("Enter");
    await eventually(
      () => traceRows(page).count(),
      (count) => count === 1,
    );
    expect(new URL(page.url()).search).toBe("?agent=order-lookup&since=24h");

    // The filtered view is a link: opening it fresh shows the same list.
    await page.goto(page.url());
    await eventually(
      () => traceRows(page).count(),
      (count) => count === 1,
    );
    expect(await page.getByLabel("Agent").inputValue()).toBe("order-lookup");
    expect(await page.getByRole("radio", { name: "24 h" }).getAttribute("aria-checked")).toBe("true");
    expect(problems).toEqual([]);
  });

  it("opens the orchestrator trace: waterfall, span attributes, agent rollup and session", async () => {
    const { page, problems, server } = await openDashboard();
    await page.goto(`${server.url}/traces`);
    await page.locator(`a[href="/traces/${orchestrator.traceId}"]`).click();
    await page.getByRole("heading", { level: 1, name: sampleNames.orchestratorRoot }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/traces/${orchestrator.traceId}`);
    expect(await visibleText(page.locator(".stat-tile", { hasText: /^cost/i }).locator("dd"))).toBe(
      "$0.0135",
    );
    expect(await visibleText(page.locator(".stat-tile", { hasText: /^spans/i }).locator("dd"))).toBe("13");

    // The tree: the three subagents one level under the orchestrator, their calls under them.
    await eventually(
      () => page.getByRole("treeitem").count(),
      (count) => count === 13,
    );
    const rows = await waterfallRows(page);
    expect(rows.map((row) => `${"  ".repeat(row.level - 1)}${row.name}`)).toEqual([
      "invoke_agent support-triage",
      "  chat claude-sonnet-4-5",
      "  invoke_agent order-lookup",
      "    chat gpt-4.1-mini",
      "    execute_tool lookup_order",
      "    chat gpt-4.1-mini",
      "  invoke_agent refund-policy",
      "    chat gpt-4.1-mini",
      "    execute_tool search_policies",
      "    chat gpt-4.1-mini",
      "  invoke_agent reply-writer",
      "    chat claude-haiku-4-5",
      "  chat llama3.1:8b",
    ]);
    // Bars sit at their start on the axis: subagents at 2.00 s, 2.01 s and 5.65 s of 9.84 s.
    const subagents = rows.filter((row) => row.level === 2 && row.name.startsWith("invoke_agent"));
    expect(subagents.map((row) => row.offsetPercent)).toEqual([20.325, 20.427, 57.419]);
    expect(rows[0]?.offsetPercent).toBe(0);
    const byStart = [...rows].sort((left, right) => left.offsetPercent - right.offsetPercent);
    for (let index = 1; index < byStart.length; index += 1) {
      expect(byStart[index]!.barLeft).toBeGreaterThanOrEqual(byStart[index - 1]!.barLeft);
    }
    expect(subagents[2]!.barLeft - subagents[0]!.barLeft).toBeGreaterThan(100);
    const axis = await visibleText(page.locator(".time-axis"));
    expect(axis.split(/\s+/)).toEqual(["0", "2", "s", "4", "s", "6", "s", "8", "s"]);
    // The root is selected on open.
    expect(rows[0]?.selected).toBe(true);

    // A chat span's attributes, cost and tokens in the panel.
    await page.getByRole("treeitem").filter({ hasText: "chat claude-sonnet-4-5" }).click();
    const panel = spanDetails(page);
    await panel.getByRole("heading", { name: "chat claude-sonnet-4-5" }).waitFor();
    expect(await visibleText(panel.locator('[data-attribute="gen_ai.request.model"] dd'))).toBe(
      sampleNames.planChatModel,
    );
    expect(await visibleText(panel.locator(".fact", { hasText: /^cost/i }).locator("dd"))).toBe("$0.008724");
    expect(await visibleText(panel.locator(".fact", { hasText: /^input tokens/i }).locator("dd"))).toBe(
      "1,840",
    );
    expect(await visibleText(panel.locator('[data-attribute="gantry.cost.micros"] dd'))).toBe("8724");
    expect(await visibleText(panel.locator('[data-attribute="gantry.prompt.id"] dd'))).toBe("triage-plan");
    await eventually(
      async () => new URL(page.url()).searchParams.get("span"),
      (span) => span === orchestrator.spans[1]?.spanId,
    );

    // Keyboard: down moves the selection to the next row.
    await page.keyboard.press("ArrowDown");
    await panel.getByRole("heading", { name: "invoke_agent order-lookup" }).waitFor();
    expect((await waterfallRows(page))[2]?.selected).toBe(true);
    await page.keyboard.press("ArrowUp");
    await panel.getByRole("heading", { name: "chat claude-sonnet-4-5" }).waitFor();

    // Every model attempt of the failover, and an unpriced model's unknown cost.
    await page.getByRole("treeitem").filter({ hasText: "chat claude-haiku-4-5" }).click();
    const attempts = panel.getByRole("table", { name: "Model attempts" }).locator("tbody tr");
    expect(await attempts.count()).toBe(2);
    expect(await visibleText(attempts.first())).toContain("MODEL_RATE_LIMITED · HTTP 429");
    expect(await visibleText(attempts.nth(1))).toContain("success");
    await page.getByRole("treeitem").filter({ hasText: "chat llama3.1:8b" }).click();
    const unknownCost = panel.locator(".fact", { hasText: /^cost/i }).locator(".cost");
    expect(await visibleText(unknownCost)).toBe("—");
    expect(await unknownCost.getAttribute("title")).toBe("cost unknown: unpriced model");
    await screenshot(page, "trace-detail");

    // Collapsing a subagent hides its calls and says how many.
    await page.getByRole("button", { name: "Collapse invoke_agent order-lookup" }).click();
    await eventually(
      () => page.getByRole("treeitem").count(),
      (count) => count === 10,
    );
    expect(await visibleText(page.getByRole("treeitem").nth(2))).toContain("+3");
    await page.getByRole("button", { name: "Expand invoke_agent order-lookup" }).click();
    await eventually(
      () => page.getByRole("treeitem").count(),
      (count) => count === 13,
    );

    // Cost and tokens rolled up per agent, costliest first; the unknown llama cost is not counted as 0.
    const rollup = page.getByRole("table", { name: "Cost and tokens per agent" }).locator("tbody tr");
    expect(await rollup.count()).toBe(4);
    const rollupTexts = await rowTexts(rollup);
    expect(rollupTexts[0]).toMatch(/^support-triage\s+3\s+2\.5k\s+224\s+\$0\.008724\s+65%/);
    expect(rollupTexts.map((text) => text.split(/\s+/)[0])).toEqual([
      "support-triage",
      "reply-writer",
      "refund-policy",
      "order-lookup",
    ]);

    // The session link leads to the session with both of its traces.
    await page.locator(".trace-meta").getByRole("link", { name: sampleNames.orchestratorSession }).click();
    await page.getByRole("heading", { level: 1, name: sampleNames.orchestratorSession }).waitFor();
    const sessionTraces = page
      .getByRole("table", { name: `Traces of session ${sampleNames.orchestratorSession}` })
      .locator("tbody tr");
    await eventually(
      () => sessionTraces.count(),
      (count) => count === 2,
    );
    expect(await visibleText(page.locator(".stat-tile", { hasText: /^cost/i }).locator("dd"))).toBe(
      "$0.0176",
    );
    await screenshot(page, "session-detail");
    expect(problems).toEqual([]);
  });

  it("lists sessions and opens one", async () => {
    const { page, problems, server } = await openDashboard();
    await page.goto(`${server.url}/`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).click();
    const rows = page.getByRole("table", { name: "Sessions" }).locator("tbody tr");
    await eventually(
      () => rows.count(),
      (count) => count === 3,
    );
    const texts = await rowTexts(rows);
    expect(texts[0]).toContain(sampleNames.orchestratorSession);
    expect(texts[2]).toContain(sampleNames.oldSession);
    await screenshot(page, "sessions-list");
    await page.getByRole("link", { name: sampleNames.errorSession }).click();
    await page.getByRole("heading", { level: 1, name: sampleNames.errorSession }).waitFor();
    const traceRow = page.getByRole("table", { name: `Traces of session ${sampleNames.errorSession}` });
    expect(await visibleText(traceRow)).toContain(sampleNames.errorMessage);
    expect(problems).toEqual([]);
  });

  it("loads more with the cursor and picks up new traces with auto-refresh", async () => {
    const { page, problems, server } = await openDashboard({ maxPageSize: 5 });
    await page.goto(`${server.url}/traces`);
    await eventually(
      () => traceRows(page).count(),
      (count) => count === 5,
    );
    await page.getByRole("button", { name: "Load more" }).click();
    await eventually(
      () => traceRows(page).count(),
      (count) => count === 8,
    );
    expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
    expect(server.apiRequests.some((request) => request.includes("cursor="))).toBe(true);

    await page.getByLabel("Auto-refresh").check();
    const fresh = new TraceBuilder(seededRandom(7), Date.now(), null);
    fresh.agent({ agent: "fresh-agent", atMs: 0, durationMs: 1_200 });
    server.addTrace(fresh.build());
    await eventually(
      () => traceRows(page).count(),
      (count) => count === 9,
      15_000,
    );
    expect(await visibleText(traceRows(page).first())).toContain("invoke_agent fresh-agent");
    expect(problems).toEqual([]);
  });

  it("keeps a 5,000-span trace light: only the rows in view are in the page", async () => {
    const { page, problems, server } = await openDashboard();
    const started = Date.now();
    await page.goto(`${server.url}/traces/${backfill.traceId}`);
    await page.getByRole("treeitem").first().waitFor();
    const firstRowMs = Date.now() - started;
    expect(await visibleText(page.locator(".waterfall-header .waterfall-name"))).toContain("5,000");
    const renderedRows = await page.getByRole("treeitem").count();
    expect(renderedRows).toBeGreaterThan(10);
    expect(renderedRows).toBeLessThan(80);

    // End jumps to the last span and scrolls it into view, still with a light DOM.
    await page.getByRole("treeitem").first().click();
    const keysStarted = Date.now();
    await page.keyboard.press("End");
    await spanDetails(page).getByRole("heading", { name: "chat gpt-4.1-mini" }).waitFor();
    const endKeyMs = Date.now() - keysStarted;
    const lastRow = page.locator('[role="treeitem"][aria-selected="true"]');
    expect(await lastRow.isVisible()).toBe(true);
    expect(await page.getByRole("treeitem").count()).toBeLessThan(80);
    for (let step = 0; step < 20; step += 1) await page.keyboard.press("ArrowUp");
    await eventually(
      async () => visibleText(spanDetails(page).getByRole("heading", { level: 2 })),
      (name) => name === "execute_tool upsert_vectors",
    );

    await page.getByRole("button", { name: "Collapse all" }).click();
    await eventually(
      () => page.getByRole("treeitem").count(),
      (count) => count === 1,
    );
    await page.getByRole("button", { name: "Expand all" }).click();
    await eventually(
      () => page.getByRole("treeitem").count(),
      (count) => count > 10,
    );
    await screenshot(page, "trace-5000-spans");
    console.info(`5,000-span trace: first row after ${firstRowMs} ms, End key to panel after ${endKeyMs} ms`);
    expect(problems).toEqual([]);
  });

  it("tells how to get traces when there are none, and says when a trace does not exist", async () => {
    const { page, problems, server } = await openDashboard({ traces: [] });
    await page.goto(`${server.url}/traces`);
    await page.getByRole("heading", { name: "No traces yet" }).waitFor();
    const main = await visibleText(page.locator("main"));
    expect(main).toContain('gantry models call tier:small "hello"');
    expect(main).toContain(`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=${server.url}/v1/traces`);
    await screenshot(page, "traces-empty");

    await page.goto(`${server.url}/traces?status=error`);
    await page.getByRole("heading", { name: "No traces match these filters" }).waitFor();

    await page.goto(`${server.url}/traces/0123456789abcdef0123456789abcdef`);
    const panel = page.getByRole("alert");
    await panel.waitFor();
    const text = await visibleText(panel);
    expect(text).toContain("Trace not found");
    expect(text).toContain("TRACE_NOT_FOUND");
    expect(text).toContain("HTTP 404");
    // A 404 in the browser console is the expected answer here, not a page problem.
    expect(problems.filter((problem) => !problem.includes("404"))).toEqual([]);
  });
});
