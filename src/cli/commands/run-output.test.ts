import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import type { RunEvent, RunResult } from "../../runtime/index.js";
import { parseRunInput } from "./run-command.js";
import { createRunEventPrinter, exitCodeForRun, runSummaryLines } from "./run-output.js";

// picocolors colours its output when CI is set (as in CI): compare the text without colour codes.

function printed(events: RunEvent[]): string {
  let text = "";
  const printer = createRunEventPrinter((chunk) => {
    text += chunk;
  });
  for (const event of events) printer.print(event);
  printer.finish();
  return stripVTControlCharacters(text);
}

const plainSummary = (...args: Parameters<typeof runSummaryLines>) =>
  runSummaryLines(...args).map((line) => stripVTControlCharacters(line));

const completed: RunResult = {
  runId: "run_1",
  agent: "helper",
  status: "completed",
  output: "Order A-7 is shipped.",
  stopReason: "final-answer",
  costMicros: 1234,
  steps: 2,
  toolCalls: 1,
  trips: [],
  traceId: "a".repeat(32),
};

describe("createRunEventPrinter", () => {
  it("writes text as it comes and gives tool calls, trips and pauses lines of their own", () => {
    const text = printed([
      { type: "run-start", runId: "run_1", agent: "helper", resumed: false },
      { type: "step-start", step: 1, model: "sim:default" },
      { type: "text-delta", step: 1, delta: "Let me " },
      { type: "text-delta", step: 1, delta: "look." },
      {
        type: "tool-call-start",
        step: 1,
        toolCallId: "c1",
        toolName: "lookup_order",
        input: { orderId: "A-7" },
      },
      {
        type: "tool-call-end",
        step: 1,
        toolCallId: "c1",
        toolName: "lookup_order",
        output: { status: "shipped" },
        replayed: true,
      },
      {
        type: "tool-call-end",
        step: 1,
        toolCallId: "c2",
        toolName: "issue_refund",
        error: { code: "TOOL_TIMEOUT", message: "no answer in 10 s" },
      },
      {
        type: "breaker-trip",
        trip: {
          reason: "repeated-tool-call",
          degradation: "stop-tools-and-summarize",
          message: "same call 3 times",
          details: {},
          at: 0,
        },
      },
      { type: "run-pause", reason: "budget", message: "the cap is reached", details: {} },
      { type: "end" },
    ]);
    expect(text).toBe(
      [
        "run_1 · helper",
        "Let me look.",
        '→ lookup_order {"orderId":"A-7"}',
        '← lookup_order {"status":"shipped"} (from the checkpoint; not run again)',
        "← issue_refund failed: TOOL_TIMEOUT no answer in 10 s",
        "⚡ breaker tripped: repeated-tool-call → stop-tools-and-summarize: same call 3 times",
        "⏸ paused (budget): the cap is reached",
        "",
      ].join("\n"),
    );
  });

  it("says a resumed run continues from its checkpoint, and cuts long inputs", () => {
    const text = printed([
      { type: "run-start", runId: "run_1", agent: "helper", resumed: true },
      { type: "tool-call-start", step: 1, toolCallId: "c1", toolName: "search", input: "x".repeat(500) },
    ]);
    const [first, second] = text.split("\n");
    expect(first).toBe("resuming run_1 (helper) from its last checkpoint");
    expect(second).toHaveLength("→ search ".length + 160);
    expect(second!.endsWith("…")).toBe(true);
  });
});

describe("runSummaryLines", () => {
  it("sums up a completed run, leaving out text that was already streamed", () => {
    const lines = plainSummary(completed, { textShown: false });
    expect(lines).toEqual([
      "✔ completed  helper  run_1",
      "output   Order A-7 is shipped.",
      "cost     $0.001234 · 2 steps · 1 tool call · stop: final-answer",
      `trace    ${"a".repeat(32)}`,
      "details  gantry runs show run_1",
    ]);
    expect(plainSummary(completed, { textShown: true }).some((line) => line.startsWith("output"))).toBe(
      false,
    );
    // A structured answer is printed even after streaming: the stream showed no text of it.
    const structured = plainSummary({ ...completed, output: { category: "refund" } }, { textShown: true });
    expect(structured).toContain("output   {");
  });

  it("says why a run paused and how to resume it, and what failed with the hint", () => {
    const paused = plainSummary(
      {
        ...completed,
        status: "paused",
        output: null,
        stopReason: undefined,
        pause: { reason: "budget", message: "226 µUSD needed, 60 left", details: {}, at: "" },
      },
      { textShown: false },
    );
    expect(paused[0]).toBe("⏸ paused  helper  run_1");
    expect(paused).toContain("why      budget: 226 µUSD needed, 60 left");
    expect(paused).toContain(
      "resume   gantry run --resume run_1  (after raising the budget in gantry.config.ts)",
    );
    const failed = plainSummary(
      {
        ...completed,
        status: "failed",
        output: null,
        error: { code: "RUN_LIMIT_REACHED", message: "reached maxSteps", hint: "Raise limits.maxSteps." },
      },
      { textShown: false },
    );
    expect(failed).toContain("error    RUN_LIMIT_REACHED reached maxSteps");
    expect(failed).toContain("hint     Raise limits.maxSteps.");
  });
});

describe("exitCodeForRun and parseRunInput", () => {
  it("exits 0 completed, 3 paused, 1 failed or cancelled", () => {
    expect(exitCodeForRun({ status: "completed" })).toBe(0);
    expect(exitCodeForRun({ status: "paused" })).toBe(3);
    expect(exitCodeForRun({ status: "failed" })).toBe(1);
    expect(exitCodeForRun({ status: "cancelled" })).toBe(1);
  });

  it("takes text as text and JSON objects or arrays as JSON", () => {
    expect(parseRunInput("Where is order 42?")).toBe("Where is order 42?");
    expect(parseRunInput("42")).toBe("42");
    expect(parseRunInput(' {"orderId": "A-7"}')).toEqual({ orderId: "A-7" });
    expect(parseRunInput("[1, 2]")).toEqual([1, 2]);
    expect(() => parseRunInput('{"orderId":')).toThrow(/starts like JSON but does not parse/);
    expect(() => parseRunInput("   ")).toThrow(/the input is empty/);
  });
});
