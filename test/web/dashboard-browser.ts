import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { launchChromium, openBrowserPage } from "./browser-harness.js";
import { dashboardFolder, ensureDashboardBuild } from "./ensure-dashboard-build.js";
import {
  type FakeControlPlane,
  type FakeControlPlaneOptions,
  startFakeControlPlane,
} from "./fake-control-plane.js";

// The browser lifecycle every dashboard browser suite shares: the production build and one chromium per
// file, a fresh fake control plane and a fresh context (empty storage) per test, both closed after it.

export type DashboardOptions = Omit<FakeControlPlaneOptions, "dashboardFolder">;

export interface OpenedDashboard {
  page: Page;
  problems: string[];
  server: FakeControlPlane;
}

/**
 * Registers the suite's hooks and returns the function that opens the dashboard; `defaults` is called
 * per test (so it can read the clock) and the test's own options override it.
 */
export function useDashboardBrowser(
  defaults: () => DashboardOptions = () => ({}),
): (options?: DashboardOptions) => Promise<OpenedDashboard> {
  let browser: Browser;
  let context: BrowserContext | undefined;
  let controlPlane: FakeControlPlane | undefined;

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

  return async (options = {}) => {
    controlPlane = await startFakeControlPlane({ dashboardFolder, ...defaults(), ...options });
    const opened = await openBrowserPage(browser);
    context = opened.context;
    return { page: opened.page, problems: opened.problems, server: controlPlane };
  };
}
