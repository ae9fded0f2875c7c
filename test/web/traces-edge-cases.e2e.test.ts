import { describe, expect, it } from "vitest";
import { chromiumAvailable, requireChromium, visibleText } from "./browser-harness.js";
import { seededRandom, TraceBuilder } from "./fake-trace-builder.js";
import { buildSampleTraces, sampleNames } from "./fake-trace-samples.js";
import {
  eventually,
  rowTexts,
  screenshot,
  spanDetails,
  traceNamed,
  traceRows,
  useTraceExplorerBrowser,
} from "./trace-explorer-harness.js";

// The trace explorer at the edges: sessions, paging and auto-refresh, a 5,000-span trace, no traces at
// all and a trace that does not exist.

requireChromium("trace explorer edge-case browser tests");

describe.skipIf(!chromiumAvailable)("trace explorer edge cases in a real browser", () => {
  const openDashboard = useTraceExplorerBrowser();
  // Ids come from a seeded generator, so they are the same whatever clock the traces are placed at.
  const traces = buildSampleTraces(0);
  const backfill = traceNamed(traces, sampleNames.backfillRoot, 5_000);

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
