import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { visibleText } from "./browser-harness.js";
import { type DashboardOptions, type OpenedDashboard, useDashboardBrowser } from "./dashboard-browser.js";
import { repositoryRoot } from "./ensure-dashboard-build.js";
import type { FakeTrace } from "./fake-trace-builder.js";
import { buildSampleTraces } from "./fake-trace-samples.js";

export { eventually } from "../support/eventually.js";

// What the trace explorer's browser tests share: the browser and fake server per test, screenshots,
// polling, and readers for the traces table, the waterfall and the span panel.

// Screenshots go to test-artifacts/ (kept by CI, ignored by git) and to /tmp for a quick look.
const artifactsFolder = join(repositoryRoot, "test-artifacts");

/** Saves a full-page screenshot as test-artifacts/<name>.png and /tmp/gantry-<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsFolder, { recursive: true });
  await page.screenshot({ path: join(artifactsFolder, `${name}.png`), fullPage: true });
  await page.screenshot({ path: `/tmp/gantry-${name}.png`, fullPage: true });
}

/** The sample trace with this root name and span count. */
export function traceNamed(traces: readonly FakeTrace[], rootName: string, spanCount: number): FakeTrace {
  const trace = traces.find(
    (candidate) => candidate.spans.length === spanCount && candidate.spans[0]?.name === rootName,
  );
  if (trace === undefined) throw new Error(`no sample trace ${rootName} with ${spanCount} spans`);
  return trace;
}

/** The body rows of the traces list. */
export function traceRows(page: Page): Locator {
  return page.getByRole("table", { name: "Traces" }).locator("tbody tr");
}

/** The visible text of each row. */
export async function rowTexts(rows: Locator): Promise<string[]> {
  const texts: string[] = [];
  for (const row of await rows.all()) texts.push(await visibleText(row));
  return texts;
}

export interface WaterfallRowInfo {
  name: string;
  level: number;
  offsetPercent: number;
  barLeft: number;
  selected: boolean;
}

/** The waterfall rows in the DOM: name, tree level, bar offset (data and on screen), selection. */
export async function waterfallRows(page: Page): Promise<WaterfallRowInfo[]> {
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

/** The selected span's panel. */
export function spanDetails(page: Page): Locator {
  return page.getByRole("complementary", { name: "Span details" });
}

/**
 * Registers the hooks of a browser suite (build, one chromium, a fresh server and context per test) and
 * returns the function that opens the dashboard on the sample traces placed at the current time.
 */
export function useTraceExplorerBrowser(): (options?: DashboardOptions) => Promise<OpenedDashboard> {
  return useDashboardBrowser(() => {
    const now = Date.now();
    return { now, traces: buildSampleTraces(now) };
  });
}
