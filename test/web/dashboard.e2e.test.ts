import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumAvailable, requireChromium, visibleText } from "./browser-harness.js";
import { useDashboardBrowser } from "./dashboard-browser.js";

const screenshotPath = "/tmp/gantry-dashboard.png";
const signInScreenshotPath = "/tmp/gantry-dashboard-sign-in.png";
const errorScreenshotPath = "/tmp/gantry-dashboard-error.png";

/** The page globals these tests touch; typed here because the root type-check has no DOM library. */
interface PageGlobals {
  sessionStorage: { getItem(key: string): string | null };
  gantryNavigationMarker?: string;
}

function storedApiKey(page: Page): Promise<string | null> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).sessionStorage.getItem("gantry.apiKey"));
}

function navigationMarker(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).gantryNavigationMarker);
}

requireChromium("dashboard browser tests");

describe.skipIf(!chromiumAvailable)("dashboard in a real browser", () => {
  const openDashboard = useDashboardBrowser();

  async function textOf(page: Page, regionName: string): Promise<string> {
    const region = page.getByRole("region", { name: regionName, exact: true });
    await region.waitFor();
    return visibleText(region);
  }

  it("shows the workspace, store, models and tiers on the overview", async () => {
    const { page, problems, server } = await openDashboard();
    await page.goto(`${server.url}/`);

    expect(await textOf(page, "Workspace")).toContain("support-desk");
    const store = await textOf(page, "Store");
    expect(store).toContain("SQLite");
    expect(store).toContain("/home/platform/support-desk/.gantry/gantry.db");
    expect(store).toContain("Up to date");
    const server_ = await textOf(page, "Server");
    expect(server_).toContain("gantry 0.1.0");
    expect(server_).toMatch(/3 h 12 min/);

    const defaultRow = page.getByRole("row").filter({ hasText: "sim:default" });
    expect(await visibleText(defaultRow)).toContain("default");
    const otherRow = page.getByRole("row").filter({ hasText: "sim:fast" });
    expect(await visibleText(otherRow)).not.toContain("default");
    expect(
      await visibleText(page.getByRole("list", { name: "Models of the small tier, in preference order" })),
    ).toBe("sim:fast");
    expect(await page.title()).toBe("Overview · Gantry");

    // Every section is built: each is a link, none says "coming soon".
    const navigation = page.getByRole("navigation", { name: "Main" });
    for (const title of ["Traces", "Sessions", "Runs", "Prompts", "Evals", "Approvals"]) {
      expect(await navigation.getByRole("link", { name: title }).count()).toBe(1);
    }
    expect(await navigation.locator(".nav-item-disabled").count()).toBe(0);
    expect(await navigation.getByRole("link", { name: "Overview" }).getAttribute("aria-current")).toBe(
      "page",
    );

    await page.screenshot({ path: screenshotPath, fullPage: true });
    expect(problems).toEqual([]);
  });

  it("routes on the client and serves deep links through the fallback", async () => {
    const { page, problems, server } = await openDashboard();
    await page.goto(`${server.url}/evals`);
    await page.getByRole("heading", { name: "Evals", level: 1 }).waitFor();
    await page.getByRole("table", { name: "Eval runs" }).waitFor();

    // A marker on window survives only if navigation does not reload the page.
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).gantryNavigationMarker = "kept";
    });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
    await page.getByRole("heading", { name: "Overview", level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await navigationMarker(page)).toBe("kept");

    await page.goBack();
    await page.getByRole("heading", { name: "Evals", level: 1 }).waitFor();
    expect(await navigationMarker(page)).toBe("kept");

    await page.goto(`${server.url}/no/such/page`);
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    expect(problems).toEqual([]);
  });

  it("asks for an API key, refuses a wrong one and signs in with the right one", async () => {
    const apiKey = "gsk_e2e_0123456789abcdef";
    const { page, server } = await openDashboard({ requiredApiKey: apiKey });
    await page.goto(`${server.url}/`);

    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(await page.title()).toBe("Sign in · Gantry");
    expect(server.authorizationHeaders.length).toBeGreaterThan(0);
    expect(server.authorizationHeaders.every((header) => header === undefined)).toBe(true);
    await page.screenshot({ path: signInScreenshotPath });

    await page.getByLabel("API key").fill("gsk_wrong_key");
    await page.getByRole("button", { name: "Sign in" }).click();
    const rejection = page.getByRole("alert");
    await rejection.waitFor();
    expect(await visibleText(rejection)).toContain("The API key is not valid");
    // The hint's backticked command is shown as code, not with raw backticks.
    expect(await visibleText(rejection.locator("code"))).toBe(
      "gantry keys create --name <name> --scopes read",
    );
    expect(server.authorizationHeaders.at(-1)).toBe("Bearer gsk_wrong_key");
    expect(await storedApiKey(page)).toBeNull();

    await page.getByLabel("API key").fill(apiKey);
    await page.getByRole("button", { name: "Sign in" }).click();
    expect(await textOf(page, "Workspace")).toContain("support-desk");
    expect(await textOf(page, "Server")).toMatch(/API keys\s+Required/);
    expect(server.authorizationHeaders.at(-1)).toBe(`Bearer ${apiKey}`);
    expect(await storedApiKey(page)).toBe(apiKey);

    // The key outlives a reload of the tab, and is sent again without asking.
    await page.reload();
    expect(await textOf(page, "Store")).toContain("SQLite");
    expect(server.authorizationHeaders.at(-1)).toBe(`Bearer ${apiKey}`);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(await storedApiKey(page)).toBeNull();
  });

  it("shows the server's error message when the API fails", async () => {
    const { page, server } = await openDashboard({
      infoFailure: {
        status: 503,
        code: "STORE_UNAVAILABLE",
        message: "The store at .gantry/gantry.db is locked by another process",
        hint: "Stop the other gantry process, then retry.",
      },
    });
    await page.goto(`${server.url}/`);

    const panel = page.getByRole("alert");
    await panel.waitFor();
    const text = await visibleText(panel);
    expect(text).toContain("Could not load server information");
    expect(text).toContain("The store at .gantry/gantry.db is locked by another process");
    expect(text).toContain("Stop the other gantry process, then retry.");
    expect(text).toContain("STORE_UNAVAILABLE");
    expect(text).toContain("HTTP 503");
    expect(await page.getByRole("button", { name: "Try again" }).isEnabled()).toBe(true);
    await page.screenshot({ path: errorScreenshotPath });
  });
});
