import { beforeAll, describe, expect, it } from "vitest";
import { openStore, type SpanRecord } from "../../src/store/index.js";
import { ensureBuilt, gantryBin, runGantry } from "../support/built-package.js";
import { startProcess } from "../support/running-process.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";

// `gantry traces` as a user runs it: the built binary on a workspace whose store the test seeded first.

beforeAll(() => ensureBuilt(), 180_000);

const workspaceConfig = `export default { models: { tiers: { small: ["sim:fast"] } } };`;
const hour = 3_600_000;
const now = Date.now();

function span(overrides: Partial<SpanRecord> & Pick<SpanRecord, "traceId" | "spanId">): SpanRecord {
  const startTimeMs = overrides.startTimeMs ?? now - hour;
  return {
    parentSpanId: null,
    name: "invoke_agent triage",
    kind: "internal",
    startTimeMs,
    endTimeMs: startTimeMs + 1000,
    statusCode: "unset",
    statusMessage: null,
    attributes: {},
    events: [],
    projectId: "default",
    agent: "triage",
    model: null,
    sessionId: "session-1",
    costMicros: null,
    ...overrides,
  };
}

// A run: the triage agent calls a model, hands over to a refund subagent whose model call is unpriced
// and whose tool fails.
function run(traceId: string, start: number): SpanRecord[] {
  const usage = (input: number, output: number) => ({
    "gen_ai.usage.input_tokens": input,
    "gen_ai.usage.output_tokens": output,
  });
  return [
    span({ traceId, spanId: "root", startTimeMs: start, endTimeMs: start + 2000 }),
    span({
      traceId,
      spanId: "chat-1",
      parentSpanId: "root",
      name: "chat large",
      kind: "client",
      model: "large",
      startTimeMs: start + 100,
      endTimeMs: start + 900,
      attributes: { ...usage(1200, 80), "gantry.cost.source": "computed" },
      costMicros: 730,
    }),
    span({
      traceId,
      spanId: "refund",
      parentSpanId: "root",
      name: "invoke_agent refund",
      agent: "refund",
      startTimeMs: start + 1000,
      endTimeMs: start + 1900,
    }),
    span({
      traceId,
      spanId: "chat-2",
      parentSpanId: "refund",
      name: "chat small",
      kind: "client",
      agent: "refund",
      model: "small",
      startTimeMs: start + 1100,
      endTimeMs: start + 1400,
      attributes: { ...usage(300, 20), "gantry.cost.source": "unknown" },
    }),
    span({
      traceId,
      spanId: "tool",
      parentSpanId: "refund",
      name: "execute_tool issue_refund",
      agent: "refund",
      startTimeMs: start + 1500,
      endTimeMs: start + 1850,
      statusCode: "error",
      statusMessage: "refund service unavailable",
    }),
  ];
}

async function seededWorkspace(spans: SpanRecord[]): Promise<string> {
  const root = temporaryWorkspace(workspaceConfig);
  const store = await openStore({ root });
  try {
    await store.spans.insertMany(spans);
  } finally {
    await store.close();
  }
  return root;
}

describe("gantry traces list", () => {
  it("prints a table newest first with time, id, root, agent, duration, spans, tokens, cost and status", async () => {
    const root = await seededWorkspace([
      ...run("aaaa0001", now - 2 * hour),
      span({ traceId: "bbbb0002", spanId: "root", startTimeMs: now - hour, endTimeMs: now - hour + 420 }),
    ]);
    const result = await runGantry(["traces", "list", "--workspace", root]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toMatch(
      /^time \(UTC\)\s+trace\s+root\s+agent\s+duration\s+spans\s+tokens in\/out\s+cost\s+status$/,
    );
    expect(lines[1]).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+bbbb0002\s+invoke_agent triage\s+triage\s+420ms\s+1\s+0\/0\s+unknown\s+ok$/,
    );
    expect(lines[2]).toMatch(
      /\s+aaaa0001\s+invoke_agent triage\s+triage\s+2\.00s\s+5\s+1500\/100\s+\$0\.000730\s+error$/,
    );
  });

  it("filters by agent and status, limits, prints the API's JSON, and refuses a bad status with exit 2", async () => {
    const root = await seededWorkspace([
      ...run("aaaa0001", now - 2 * hour),
      span({ traceId: "bbbb0002", spanId: "root", agent: "billing", startTimeMs: now - hour }),
      span({ traceId: "cccc0003", spanId: "root", startTimeMs: now - 3 * 24 * hour }),
    ]);
    const ids = async (...flags: string[]) => {
      const result = await runGantry(["traces", "list", "--json", "--workspace", root, ...flags]);
      expect(result.code).toBe(0);
      return (JSON.parse(result.stdout).traces as { traceId: string }[]).map((trace) => trace.traceId);
    };
    expect(await ids()).toEqual(["bbbb0002", "aaaa0001", "cccc0003"]);
    expect(await ids("--agent", "billing")).toEqual(["bbbb0002"]);
    expect(await ids("--status", "error")).toEqual(["aaaa0001"]);
    expect(await ids("--since", "1d")).toEqual(["bbbb0002", "aaaa0001"]);
    expect(await ids("--limit", "1")).toEqual(["bbbb0002"]);

    const json = JSON.parse(
      (await runGantry(["traces", "list", "--json", "--limit", "1", "--workspace", root])).stdout,
    );
    expect(json.nextCursor).toEqual(expect.any(String));
    expect(json.traces[0]).toEqual({
      traceId: "bbbb0002",
      rootSpanId: "root",
      rootName: "invoke_agent triage",
      agent: "billing",
      sessionId: "session-1",
      models: [],
      startTime: new Date(now - hour).toISOString(),
      durationMs: 1000,
      spanCount: 1,
      costMicros: null,
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      status: "ok",
      error: null,
    });

    const bad = await runGantry(["traces", "list", "--status", "broken", "--workspace", root]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("expected ok or error, got 'broken'");
  });
});

describe("gantry traces show", () => {
  it("draws the trace as an indented waterfall with bars, costs, errors and the per-agent rollup", async () => {
    const root = await seededWorkspace(run("aaaa0001", now - hour));
    const result = await runGantry(["traces", "show", "aaaa0001", "--workspace", root]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("invoke_agent triage  aaaa0001");
    expect(lines[1]).toContain(
      "2.00s · 5 spans · 1500/100 tokens · cost $0.000730 · error: refund service unavailable",
    );
    const spanLines = lines.slice(3, 8);
    expect(spanLines.map((line) => line.match(/^( *)(\S+(?: \S+)?)/)![0])).toEqual([
      "invoke_agent triage",
      "  chat large",
      "  invoke_agent refund",
      "    chat small",
      "    execute_tool issue_refund",
    ]);
    // The root's bar fills the line; the model call's starts near the left; the tool's near the right.
    expect(spanLines[0]).toContain("█".repeat(24));
    expect(spanLines[1]).toMatch(/800ms\s+ ?█+\s+\$0\.000730$/);
    expect(spanLines[3]).toMatch(/300ms\s+█+\s+unknown$/);
    expect(spanLines[4]).toMatch(/350ms\s+ {10,}█+\s+error: refund service unavailable$/);
    const agentLines = lines.slice(lines.indexOf("per agent") + 1).filter(Boolean);
    expect(agentLines).toHaveLength(2);
    expect(agentLines[0]).toMatch(/^\s+triage\s+2 spans\s+1200\/80 tokens\s+\$0\.000730$/);
    expect(agentLines[1]).toMatch(/^\s+refund\s+3 spans\s+300\/20 tokens\s+unknown$/);
  });

  it("prints the API's JSON with --json, and exits 2 with TRACE_NOT_FOUND for an unknown id", async () => {
    const root = await seededWorkspace(run("aaaa0001", now - hour));
    const json = await runGantry(["traces", "show", "aaaa0001", "--json", "--workspace", root]);
    expect(json.code).toBe(0);
    const detail = JSON.parse(json.stdout);
    expect(detail.trace).toMatchObject({ traceId: "aaaa0001", spanCount: 5, costMicros: 730 });
    expect(
      detail.spans.map((entry: { spanId: string; depth: number }) => [entry.spanId, entry.depth]),
    ).toEqual([
      ["root", 0],
      ["chat-1", 1],
      ["refund", 1],
      ["chat-2", 2],
      ["tool", 2],
    ]);
    expect(detail.agents).toEqual([
      { agent: "triage", spanCount: 2, costMicros: 730, inputTokens: 1200, outputTokens: 80 },
      { agent: "refund", spanCount: 3, costMicros: null, inputTokens: 300, outputTokens: 20 },
    ]);

    const missing = await runGantry(["traces", "show", "nope", "--workspace", root]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("TRACE_NOT_FOUND");
  });
});

describe("gantry traces tail", () => {
  it("prints the backlog, then each new trace once it has settled, and stops cleanly on Ctrl-C", async () => {
    const root = await seededWorkspace([
      span({ traceId: "old00001", spanId: "root", startTimeMs: now - 2 * hour }),
      span({ traceId: "backlog1", spanId: "root", startTimeMs: now - hour }),
    ]);
    const tail = startProcess(
      process.execPath,
      [gantryBin, "traces", "tail", "--backlog", "1", "--interval", "100", "--workspace", root],
      { cwd: root },
    );
    try {
      await tail.waitFor(/backlog1/, 20_000);
      await tail.waitFor(/Ctrl-C stops/, 5_000);
      const store = await openStore({ root });
      try {
        // Two batches, the root last: tail must print the trace whole, not its first batch.
        const spans = run("fresh001", Date.now());
        await store.spans.insertMany(spans.slice(1));
        await store.spans.insertMany(spans.slice(0, 1));
      } finally {
        await store.close();
      }
      await tail.waitFor(/fresh001\s+invoke_agent triage\s+triage\s+2\.00s\s+5\s+/, 20_000);
      process.kill(-tail.child.pid!, "SIGINT");
      expect(await tail.exited()).toBe(0);
      expect(tail.output()).not.toContain("old00001");
      expect(tail.output().match(/fresh001/g)).toHaveLength(1);
      expect(tail.output()).not.toMatch(/error [^\n]*\[/);
    } finally {
      if (tail.child.exitCode === null) process.kill(-tail.child.pid!, "SIGKILL");
    }
  });
});

describe("gantry traces prune", () => {
  it("deletes whole traces that ended before the cutoff and reports what it removed", async () => {
    const root = await seededWorkspace([
      ...run("aaaa0001", now - 40 * 24 * hour),
      span({ traceId: "bbbb0002", spanId: "root", startTimeMs: now - hour }),
    ]);
    const result = await runGantry(["traces", "prune", "--older-than", "30d", "--json", "--workspace", root]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ traces: 1, spans: 5 });
    const left = await runGantry(["traces", "list", "--json", "--workspace", root]);
    expect((JSON.parse(left.stdout).traces as { traceId: string }[]).map((trace) => trace.traceId)).toEqual([
      "bbbb0002",
    ]);
  });
});
