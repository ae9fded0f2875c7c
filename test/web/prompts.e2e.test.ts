import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumAvailable, requireChromium, visibleText } from "./browser-harness.js";
import { hotFixHash } from "./fake-prompt-samples.js";
import { eventually, rowTexts, screenshot, useTraceExplorerBrowser } from "./trace-explorer-harness.js";

// The prompt registry's pages as a person uses them: the list (labels, versions, drift), one prompt
// (labels, drift alert, versions with their usage, label history) and the side-by-side diff between
// two versions or labels, picked in the page and kept in the URL. The fake's prompts
// (fake-prompt-samples.ts) are real prompt files, hashed and diffed by the registry's own code.

requireChromium("prompts browser tests");

function rows(page: Page, table: string) {
  return page.getByRole("table", { name: table }).locator("tbody tr");
}

describe.skipIf(!chromiumAvailable)("prompt registry pages in a real browser", () => {
  const openDashboard = useTraceExplorerBrowser();

  it("lists the prompts with their labels and drift, and opens one with its versions, usage and history", async () => {
    const { page, problems, server } = await openDashboard();
    await page.goto(`${server.url}/`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Prompts" }).click();
    await page.getByRole("heading", { name: "Prompts", level: 1 }).waitFor();
    expect(await page.title()).toBe("Prompts · Gantry");
    await eventually(
      () => rows(page, "Prompts").count(),
      (count) => count === 3,
    );
    const [refund, summarise, triage] = await rowTexts(rows(page, "Prompts"));
    expect(refund).toMatch(/refund-reply.*2\.1\.0\s*production\s*2\.1\.0/s);
    expect(refund).toContain("none");
    expect(summarise).toMatch(/summarise-thread.*0\.1\.0\s*—/s);
    expect(triage).toMatch(/triage\s*Classify a support ticket into one queue\.\s*1\.1\.0/);
    expect(triage).toMatch(/production\s*1\.0\.1\s*staging\s*1\.1\.0/);
    expect(triage).toContain("drift");
    expect(await visibleText(page.getByRole("status"))).toContain("1 prompt has open drift alerts: triage.");
    await screenshot(page, "prompts-list");

    await page.getByRole("link", { name: "triage", exact: true }).click();
    await page.getByRole("heading", { name: "triage", level: 1 }).waitFor();
    expect(await page.title()).toBe("Prompt triage · Gantry");
    const totals = page.getByRole("definition").first();
    expect(await visibleText(totals)).toBe("1.0.1");
    await eventually(
      () => rowTexts(rows(page, "Versions")),
      (texts) => texts.length === 4 && texts[1]!.includes("8,412"),
    );
    const [v110, v101, v100, unregistered] = await rowTexts(rows(page, "Versions"));
    expect(v110).toMatch(/^1\.1\.0\s*\w{12}\s*latest\s*staging/);
    expect(v110).toContain("by maria");
    expect(v101).toMatch(/^1\.0\.1\s*\w{12}\s*production/);
    expect(v101).toMatch(/8,412\s*8,019\s*\$1\.09\s*23\s*589 ms\s*—$/);
    expect(v100).toMatch(/3,977\s*3,870/);
    expect(unregistered).toMatch(new RegExp(`^unregistered\\s*${hotFixHash.slice(0, 12)}`));
    expect(unregistered).toContain("a text no one pushed");

    const drift = page.getByRole("list", { name: "Open drift alerts" });
    expect(await visibleText(drift)).toContain(
      "Prompt triage: 37 production calls used an unregistered text",
    );
    expect(await visibleText(drift)).toContain("Seen 178 times");
    const history = await rowTexts(rows(page, "Label history"));
    expect(history).toHaveLength(6);
    expect(history[0]).toMatch(/staging\s*new →\s*1\.1\.0\s*maria/);
    expect(history.find((row) => row.includes("1.0.0 → 1.0.1"))).toMatch(
      /production.*release-bot\s*✓ prompts-check/,
    );
    await screenshot(page, "prompt-detail");
    expect(problems).toEqual([]);
  });

  it("shows the newest change side by side with its classification, and compares any two picks", async () => {
    const { page, problems, server } = await openDashboard();
    await page.goto(`${server.url}/prompts/triage`);
    const diff = page.getByRole("table", { name: "Side-by-side diff" });
    await diff.waitFor();
    // By default the newest version against the one before it.
    expect(await page.getByLabel("Old version").inputValue()).toBe("1.0.1");
    expect(await page.getByLabel("New version").inputValue()).toBe("1.1.0");
    const classification = page.getByRole("region", { name: "Classification" });
    expect(await visibleText(classification)).toMatch(
      /Needs\s*a minor bump\s*declared minor \(1\.0\.1 → 1\.1\.0\)/,
    );
    expect(await visibleText(classification)).toContain("output.confidence");
    // The version line changed on both sides: old on the left (removed), new on the right (added).
    const versionRow = diff.locator("tbody tr").filter({ hasText: "version: 1.0.1" });
    expect(await versionRow.locator("td.diff-text.diff-remove").innerText()).toContain("version: 1.0.1");
    expect(await versionRow.locator("td.diff-text.diff-add").innerText()).toContain("version: 1.1.0");
    // A line only the new version has faces an empty cell.
    const added = diff.locator("tbody tr").filter({ hasText: "your confidence between 0 and 1." });
    expect(await added.locator("td.diff-empty").count()).toBe(2);
    expect(await added.locator("td.diff-add").count()).toBe(2);
    await screenshot(page, "prompt-diff");

    await page.getByLabel("Old version").selectOption("production");
    await page.getByLabel("New version").selectOption("1.0.0");
    await eventually(
      () => visibleText(diff.locator("thead")),
      (text) =>
        text.includes("1.0.1") && text.includes("1.0.0") && text.indexOf("1.0.1") < text.indexOf("1.0.0"),
    );
    expect(new URL(page.url()).search).toBe("?from=production&to=1.0.0");
    expect(await visibleText(classification)).toMatch(/declared a downgrade/);
    expect(server.apiRequests).toContain("/api/v1/prompts/triage/diff?from=production&to=1.0.0");

    // A link to the pair opens it directly.
    await page.goto(`${server.url}/prompts/triage?from=1.0.0&to=staging`);
    await diff.waitFor();
    expect(await page.getByLabel("New version").inputValue()).toBe("staging");
    expect(await visibleText(diff.locator("thead"))).toMatch(/1\.0\.0.*1\.1\.0/s);
    expect(problems).toEqual([]);
  });

  it("says so for a prompt with one version, and for one that does not exist", async () => {
    const { page, problems, server } = await openDashboard();
    await page.goto(`${server.url}/prompts/summarise-thread`);
    await page.getByText("Only one version so far: push another to compare.").waitFor();
    expect(await rowTexts(rows(page, "Versions"))).toEqual([
      expect.stringMatching(/^0\.1\.0.*latest.*by sam\s*first version\s*0\s*0\s*—\s*0\s*—\s*—$/s),
    ]);
    await page.goto(`${server.url}/prompts/nope`);
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await visibleText(alert)).toContain("Prompt not found");
    expect(await visibleText(alert)).toContain("PROMPT_NOT_FOUND");
    expect(problems.filter((problem) => !problem.includes("404"))).toEqual([]);
  });
});
