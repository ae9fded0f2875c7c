import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { agentWorkspace, agentWorkspaceConfig } from "../support/agent-workspace.js";
import { ensureBuilt, runGantry } from "../support/built-package.js";

// `gantry run` and `gantry runs` as a user runs them: the built binary on a workspace whose agents run
// on the sim model (test/support/agent-workspace.ts), with no provider keys anywhere.

beforeAll(() => ensureBuilt(), 180_000);

const noKeys = { OPENAI_API_KEY: "", ANTHROPIC_API_KEY: "", OLLAMA_BASE_URL: "", OPENAI_BASE_URL: "" };

function gantry(root: string, ...args: string[]) {
  return runGantry([...args, "--workspace", root], { env: noKeys, timeoutMs: 60_000 });
}

function runIdIn(text: string): string {
  const match = /run_[0-9A-Z]{26}/.exec(text);
  if (match === null) throw new Error(`no run id in:\n${text}`);
  return match[0];
}

describe("gantry run", () => {
  const root = agentWorkspace();

  it("runs an agent and sums it up: status, output, cost, steps, tool calls, ids and the next command", async () => {
    const result = await gantry(root, "run", "helper", "--input", "Where is my order?");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const runId = runIdIn(result.stdout);
    expect(result.stdout).toContain(`✔ completed  helper  ${runId}`);
    expect(result.stdout).toContain("output   Order A-7 is shipped.");
    expect(result.stdout).toMatch(/cost {5}\$\d+\.\d{6} · 2 steps · 1 tool call · stop: final-answer/);
    expect(result.stdout).toMatch(/trace {4}[0-9a-f]{32}/);
    expect(result.stdout).toContain(`details  gantry runs show ${runId}`);
  });

  it("streams text, tool calls with their input and output as they happen", async () => {
    const result = await gantry(root, "run", "helper", "--input", "order please", "--stream");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    const runId = runIdIn(lines[0]!);
    expect(lines[0]).toBe(`${runId} · helper`);
    expect(lines[1]).toBe('→ lookup_order {"orderId":"A-7"}');
    expect(lines[2]).toBe('← lookup_order {"orderId":"A-7","status":"shipped"}');
    expect(lines[3]).toBe("Order A-7 is shipped.");
    expect(lines[4]).toBe(`✔ completed  helper  ${runId}`);
    // The streamed text is not printed a second time in the summary.
    expect(result.stdout.match(/Order A-7 is shipped\./g)).toHaveLength(1);
  });

  it("prints the RunResult with --json, JSON input included", async () => {
    const result = await gantry(
      root,
      "run",
      "helper",
      "--input",
      '{"question":"order?"}',
      "--json",
      "--stream",
    );
    expect(result.code).toBe(0);
    const run = JSON.parse(result.stdout);
    expect(run).toMatchObject({
      agent: "helper",
      status: "completed",
      output: "Order A-7 is shipped.",
      stopReason: "final-answer",
      steps: 2,
      toolCalls: 1,
      trips: [],
    });
    expect(run.runId).toMatch(/^run_/);
    expect(run.costMicros).toBeGreaterThan(0);
    const shown = JSON.parse((await gantry(root, "runs", "show", run.runId, "--json")).stdout);
    expect(shown.run.input).toEqual({ question: "order?" });
  });

  it("exits 1 for a failed run and says why", async () => {
    const result = await gantry(root, "run", "stepper", "--input", "order?");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("✖ failed  stepper");
    expect(result.stdout).toContain("error    RUN_LIMIT_REACHED");
    expect(result.stdout).toContain("hint     Raise limits.maxSteps");
  });

  it("exits 2 for an unknown agent, listing the agents there are", async () => {
    const result = await gantry(root, "run", "nobody", "--input", "hi");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No agent named "nobody"');
    expect(result.stderr).toContain("helper, budgeted, stepper, gated");
    expect(result.stderr).toContain("[AGENT_NOT_FOUND]");
  });

  it("exits 2 for bad or missing input and for --resume mixed with --input", async () => {
    const badJson = await gantry(root, "run", "helper", "--input", '{"orderId":');
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toContain("starts like JSON but does not parse");
    const empty = await gantry(root, "run", "helper", "--input", "  ");
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("the input is empty");
    const missing = await gantry(root, "run", "helper");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--input is required");
    const noAgent = await gantry(root, "run");
    expect(noAgent.code).toBe(2);
    expect(noAgent.stderr).toContain("Which agent? This workspace has: helper, budgeted, stepper, gated");
    const mixed = await gantry(root, "run", "--resume", "run_x", "--input", "hi");
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain("--resume continues a run with its own input");
  });

  it("explains itself with --help", async () => {
    const result = await gantry(root, "run", "--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--resume <runId>");
    expect(result.stdout).toContain('gantry run triage --input "Where is my order A-1?"');
    expect(result.stdout).toContain("3 paused");
  });
});

describe("a paused run", () => {
  it("exits 3 with the reason and the resume command, and completes once the cap is raised", async () => {
    const root = agentWorkspace({ agentBudgetUsd: 0.00001 });
    const paused = await gantry(root, "run", "budgeted", "--input", "Where is my order?");
    expect(paused.code).toBe(3);
    const runId = runIdIn(paused.stdout);
    expect(paused.stdout).toContain(`⏸ paused  budgeted  ${runId}`);
    expect(paused.stdout).toMatch(/why {6}budget: /);
    expect(paused.stdout).toContain(`resume   gantry run --resume ${runId}`);
    expect(paused.stdout).toContain("after raising the budget");

    const listed = JSON.parse((await gantry(root, "runs", "list", "--status", "paused", "--json")).stdout);
    expect(listed.runs.map((run: { runId: string }) => run.runId)).toEqual([runId]);
    expect(listed.runs[0]).toMatchObject({ status: "paused", resumable: true, pause: { reason: "budget" } });
    const shown = await gantry(root, "runs", "show", runId);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/paused {4}budget: /);
    expect(shown.stdout).toContain(`resume    gantry run --resume ${runId}`);

    // Still under the same cap, a resume pauses again; with the cap raised it finishes.
    expect((await gantry(root, "run", "--resume", runId)).code).toBe(3);
    writeFileSync(join(root, "gantry.config.ts"), agentWorkspaceConfig({ agentBudgetUsd: 1 }));
    const resumed = await gantry(root, "run", "budgeted", "--resume", runId, "--stream");
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`resuming ${runId} (budgeted) from its last checkpoint`);
    expect(resumed.stdout).toContain("Order A-7 is shipped.");
    expect(resumed.stdout).toContain(`✔ completed  budgeted  ${runId}`);

    const finished = await gantry(root, "run", "--resume", runId);
    expect(finished.code).toBe(2);
    expect(finished.stderr).toContain("[RUN_NOT_RESUMABLE]");
  });
});

describe("gantry runs", () => {
  const root = agentWorkspace();

  it("lists runs newest first, filtered, as a table or JSON, and shows one with its tool calls", async () => {
    const first = runIdIn((await gantry(root, "run", "helper", "--input", "order?")).stdout);
    const second = runIdIn((await gantry(root, "run", "stepper", "--input", "order?")).stdout);

    const table = await gantry(root, "runs", "list");
    expect(table.code).toBe(0);
    const rows = table.stdout.trim().split("\n");
    expect(rows[0]).toMatch(/^started \(UTC\)\s+run\s+agent\s+status\s+steps\s+tools\s+cost\s+trace$/);
    expect(rows[1]).toContain(second);
    expect(rows[1]).toContain("failed");
    expect(rows[2]).toContain(first);
    expect(rows[2]).toMatch(/helper\s+completed\s+2\s+1\s+\$\d+\.\d{6}\s+[0-9a-f]{32}/);

    const failedOnly = JSON.parse(
      (await gantry(root, "runs", "list", "--status", "failed", "--json")).stdout,
    );
    expect(failedOnly.runs.map((run: { runId: string }) => run.runId)).toEqual([second]);
    const helperOnly = JSON.parse((await gantry(root, "runs", "list", "--agent", "helper", "--json")).stdout);
    expect(helperOnly.runs.map((run: { runId: string }) => run.runId)).toEqual([first]);

    const shown = await gantry(root, "runs", "show", first);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`${first}  helper@1.0.0  completed`);
    expect(shown.stdout).toContain("input     order?");
    expect(shown.stdout).toContain("output    Order A-7 is shipped.");
    expect(shown.stdout).toContain("stop      final-answer");
    expect(shown.stdout).toMatch(/cost {6}\$\d+\.\d{6} · 2 steps · 1 tool call · 4 messages/);
    expect(shown.stdout).toContain(
      'step 1  lookup_order completed  {"orderId":"A-7"} → {"orderId":"A-7","status":"shipped"}',
    );
    expect(shown.stdout).toMatch(/trace {5}gantry traces show [0-9a-f]{32}/);

    const json = JSON.parse((await gantry(root, "runs", "show", first, "--json")).stdout);
    expect(json.state.toolCalls).toEqual([
      expect.objectContaining({
        toolName: "lookup_order",
        status: "completed",
        output: { orderId: "A-7", status: "shipped" },
      }),
    ]);
    expect(json.links.traceDashboard).toBe(`/traces/${json.run.traceId}`);
  });

  it("exits 2 for an unknown run and for a bad --status", async () => {
    const missing = await gantry(root, "runs", "show", "run_nothing");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("[RUN_NOT_FOUND]");
    const badStatus = await gantry(root, "runs", "list", "--status", "done");
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toContain(
      "expected one of queued, running, paused, completed, failed, cancelled",
    );
  });
});
