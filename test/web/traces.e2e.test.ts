import { describe, expect, it } from "vitest";
import { chromiumAvailable, requireChromium, visibleText } from "./browser-harness.js";
import { buildSampleTraces, sampleNames } from "./fake-trace-samples.js";
import {
  eventually,
  rowTexts,
  screenshot,
  spanDetails,
  traceNamed,
  traceRows,
  useTraceExplorerBrowser,
  waterfallRows,
} from "./trace-explorer-harness.js";

// The trace explorer as a person uses it: filter the list, open a trace, read its waterfall, its spans
// and its agents, follow the session. Helpers and the fake server: trace-explorer-harness.ts.

requireChromium("trace explorer browser tests");

describe.skipIf(!chromiumAvailable)("trace explorer in a real browser", () => {
  const openDashboard = useTraceExplorerBrowser();
  // Ids come from a seeded generator, so they are the same whatever clock the traces are placed at.
  const traces = buildSampleTraces(0);
  const orchestrator = traceNamed(traces, sampleNames.orchestratorRoot, 13);

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
});
