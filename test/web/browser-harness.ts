import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { describe, it } from "vitest";

// Debian's chromium, driven by playwright-core (no browser download). Install: apt-get install -y chromium
export const chromiumPath = process.env.GANTRY_CHROMIUM_PATH ?? "/usr/bin/chromium";
export const chromiumAvailable = existsSync(chromiumPath);
/** With CI set, a missing browser fails the run instead of skipping the browser tests. */
export const chromiumRequired = Boolean(process.env.CI);

/** Says loudly, once per test file, that the browser tests of `suite` will not run. */
function warnIfChromiumMissing(suite: string): void {
  if (chromiumAvailable || chromiumRequired) return;
  console.warn(
    [
      "",
      "!".repeat(78),
      `!!  ${suite.toUpperCase()} SKIPPED: ${chromiumPath} is missing.`,
      "!!  Install it with: apt-get update && apt-get install -y chromium",
      "!!  (With CI set, this is a failure instead of a skip.)",
      "!".repeat(78),
      "",
    ].join("\n"),
  );
}

/**
 * Call once at the top of a browser test file: without chromium its tests skip with a loud warning, or,
 * with CI set, a `<suite> prerequisites` test fails saying how to install it.
 */
export function requireChromium(suite: string): void {
  warnIfChromiumMissing(suite);
  describe.runIf(!chromiumAvailable && chromiumRequired)(`${suite} prerequisites`, () => {
    it(`finds chromium at ${chromiumPath}`, () => {
      throw new Error(`${chromiumPath} is missing; install it with: apt-get install -y chromium`);
    });
  });
}

/** Headless chromium with no network chatter of its own: only the test's loopback server is reached. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
    ],
  });
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Page errors and console errors, which a passing test expects to be empty. */
  problems: string[];
}

/** A fresh context (empty storage) and page that records what goes wrong in the page. */
export async function openBrowserPage(
  browser: Browser,
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  return { context, page, problems };
}

/** The text a person sees (layout-aware, unlike textContent): what the dashboard promises to show. */
export function visibleText(locator: Locator): Promise<string> {
  return locator.innerText();
}
