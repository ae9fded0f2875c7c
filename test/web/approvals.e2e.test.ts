import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumAvailable, requireChromium, visibleText } from "./browser-harness.js";
import { sampleApprovals } from "./fake-approval-api.js";
import { eventually, rowTexts, screenshot, useTraceExplorerBrowser } from "./trace-explorer-harness.js";

// The approvals inbox as a person uses it: the waiting calls (agent, tool, arguments, reason, run,
// age), approving one with a note, denying another, the decided history and the resume command.

requireChromium("approvals browser tests");

function cards(page: Page) {
  return page.getByRole("list", { name: "Pending approvals" }).getByRole("listitem");
}

function decidedRows(page: Page) {
  return page.getByRole("table", { name: "Decided approvals" }).locator("tbody tr");
}

describe.skipIf(!chromiumAvailable)("approvals inbox in a real browser", () => {
  const openDashboard = useTraceExplorerBrowser();

  it("lists the waiting calls oldest first, approves one with a note and denies the other", async () => {
    const { page, problems, server } = await openDashboard();
    await page.goto(`${server.url}/`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Approvals" }).click();
    await page.getByRole("heading", { name: "Approvals", level: 1 }).waitFor();
    expect(await page.title()).toBe("Approvals · Gantry");
    await eventually(
      () => cards(page).count(),
      (count) => count === 2,
    );
    const [destroy, refund] = await rowTexts(cards(page));
    expect(destroy).toContain("destroy_environment");
    expect(destroy).toContain("asked by ops-agent 12 min ago");
    expect(destroy).toContain("destructive tool in production (invariant no-unapproved-teardown)");
    expect(destroy).toContain('"region": "eu-west-1"');
    expect(destroy).toContain(sampleApprovals.destroyRunId);
    expect(refund).toContain("issue_refund");
    expect(refund).toContain('"amountUsd": 742.5');
    expect(await rowTexts(decidedRows(page))).toEqual([
      expect.stringMatching(
        /1 h ago\s*denied\s*drop_database.*ops-agent.*cli:maria\s*use the migration instead/,
      ),
    ]);
    await screenshot(page, "approvals-inbox");

    const destroyCard = cards(page).filter({ hasText: "destroy_environment" });
    await destroyCard.getByLabel(/Note/).fill("change ticket OPS-42");
    await destroyCard.getByRole("button", { name: "Approve" }).click();
    const last = page.getByRole("region", { name: "Last decision" });
    await last.waitFor();
    expect(await visibleText(last)).toContain(
      `Approved destroy_environment for ${sampleApprovals.destroyRunId}`,
    );
    expect(await visibleText(last.locator(".run-resume-command"))).toBe(
      `gantry run --resume ${sampleApprovals.destroyRunId}`,
    );
    await eventually(
      () => cards(page).count(),
      (count) => count === 1,
    );
    await eventually(
      () => rowTexts(decidedRows(page)),
      (rows) => rows.length === 2,
    );
    const approvedRow = (await rowTexts(decidedRows(page))).find((row) =>
      row.includes("destroy_environment"),
    );
    expect(approvedRow).toMatch(/approved.*dashboard\s*change ticket OPS-42/);
    expect(server.apiRequests).toContain(`/api/v1/approvals/${sampleApprovals.destroyId}/approve`);
    await screenshot(page, "approvals-decided");

    await cards(page).first().getByRole("button", { name: "Deny" }).click();
    await eventually(
      () => visibleText(page.getByRole("region", { name: "Last decision" })),
      (text) => text.includes("Denied issue_refund"),
    );
    await page.getByText("Nothing is waiting for a decision").waitFor();
    expect(problems).toEqual([]);
  });

  it("shows the server's refusal on the card when the call was decided elsewhere meanwhile", async () => {
    const { page, problems, server } = await openDashboard();
    await page.goto(`${server.url}/approvals`);
    await eventually(
      () => cards(page).count(),
      (count) => count === 2,
    );
    // Someone else decides it from the CLI between this page's load and the click.
    await fetch(`${server.url}/api/v1/approvals/${sampleApprovals.refundId}/deny`, { method: "POST" });
    const refundCard = cards(page).filter({ hasText: "issue_refund" });
    await refundCard.getByRole("button", { name: "Approve" }).click();
    const alert = refundCard.getByRole("alert");
    await alert.waitFor();
    expect(await visibleText(alert)).toContain("APPROVAL_ALREADY_DECIDED");
    expect(problems.filter((problem) => !problem.includes("409"))).toEqual([]);
  });
});
