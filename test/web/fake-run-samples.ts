import type { JsonValue } from "../../src/core/index.js";
import type { RunDetailJson, RunToolCallJson } from "../../src/server/index.js";
import type { FakeTrace } from "./fake-trace-builder.js";
import { sampleNames } from "./fake-trace-names.js";

// The runs the fake control plane serves, typed as the server's RunDetailJson so the fake cannot drift
// from the real shape: a finished triage run linked to the orchestrator's sample trace, a run paused on
// its budget, a loop stopped by the breaker, a failed billing run, one still running and an old one.

const second = 1000;
const minute = 60 * second;
const day = 24 * 60 * minute;

/** Names and amounts the runs tests look for. */
export const sampleRuns = {
  completedId: "run_01JDQ3V8M4R2T7X9K5B6N1C0AA",
  pausedId: "run_01JDQ2S4F1H7J3K8L2M9N5P0BB",
  breakerId: "run_01JDQ1P7Q3R8S2T6U4V9W1X0CC",
  failedId: "run_01JDQ0M2N6P1Q5R9S3T7U2V0DD",
  runningId: "run_01JDQ4A1B2C3D4E5F6G7H8J9EE",
  oldId: "run_01JD7Z9Y8X7W6V5U4T3S2R1QFF",
  pauseMessage: "Run budget of $0.05 would be exceeded: $0.0471 spent, the next call may cost up to $0.0062",
  tripMessage: "search_docs was called 3 times in a row with the same arguments",
  completedOutput: "Your refund of $42.00 for order 2041 was issued today; expect it within 5 business days.",
  completedCostMicros: 13_512,
} as const;

interface RunSample {
  runId: string;
  agent: string;
  agentVersion: string;
  status: RunDetailJson["run"]["status"];
  agoMs: number;
  durationMs: number;
  sessionId?: string;
  traceId: string | null;
  input: JsonValue;
  output?: JsonValue;
  costMicros: number;
  steps: number;
  stopReason?: RunDetailJson["run"]["stopReason"];
  pause?: RunDetailJson["run"]["pause"];
  error?: RunDetailJson["run"]["error"];
  model: string;
  tokens: [number, number];
  toolCalls: RunToolCallJson[];
  trips?: NonNullable<RunDetailJson["state"]>["trips"];
  toolsDisabled?: boolean;
}

function toolCall(
  step: number,
  index: number,
  toolName: string,
  input: JsonValue,
  result: { output: JsonValue } | { error: { code: string; message: string } } | "started",
): RunToolCallJson {
  return {
    toolCallId: `call_${step}_${index}_${toolName}`,
    toolName,
    step,
    status: result === "started" ? "started" : "error" in result ? "failed" : "completed",
    attempts: 1,
    input,
    output: result !== "started" && "output" in result ? result.output : null,
    error: result !== "started" && "error" in result ? result.error : null,
  };
}

function detail(sample: RunSample, now: number): RunDetailJson {
  const createdAt = new Date(now - sample.agoMs).toISOString();
  const updatedAt = new Date(now - sample.agoMs + sample.durationMs).toISOString();
  const resumable = sample.status === "paused" || sample.status === "running";
  const id = encodeURIComponent(sample.runId);
  return {
    run: {
      runId: sample.runId,
      agent: sample.agent,
      agentVersion: sample.agentVersion,
      status: sample.status,
      sessionId: sample.sessionId ?? null,
      parentRunId: null,
      traceId: sample.traceId,
      costMicros: sample.costMicros,
      steps: sample.steps,
      toolCalls: sample.toolCalls.length,
      stopReason: sample.stopReason ?? null,
      pause: sample.pause ?? null,
      error: sample.error ?? null,
      resumable,
      createdAt,
      updatedAt,
      input: sample.input,
      output: sample.output ?? null,
    },
    state: {
      schemaVersion: 1,
      model: sample.model,
      messages: 2 + sample.steps + sample.toolCalls.length,
      inputTokens: sample.tokens[0],
      outputTokens: sample.tokens[1],
      unpricedCalls: 0,
      toolsDisabled: sample.toolsDisabled ?? false,
      elapsedMs: sample.durationMs,
      toolCalls: sample.toolCalls,
      trips: sample.trips ?? [],
    },
    links: {
      self: `/api/v1/runs/${id}`,
      resume: resumable ? `/api/v1/runs/${id}/resume` : null,
      trace: sample.traceId === null ? null : `/api/v1/traces/${sample.traceId}`,
      dashboard: `/runs/${id}`,
      traceDashboard: sample.traceId === null ? null : `/traces/${sample.traceId}`,
    },
  };
}

// The biggest trace with this root: the orchestrator's first turn rather than its short follow-up.
function traceOf(traces: readonly FakeTrace[], rootName: string): string | null {
  const candidates = traces.filter((trace) => trace.spans[0]?.name === rootName);
  candidates.sort((left, right) => right.spans.length - left.spans.length);
  return candidates[0]?.traceId ?? null;
}

/** The sample runs, newest first, placed against `now`; trace ids link to the sample traces. */
export function buildSampleRuns(now: number, traces: readonly FakeTrace[]): RunDetailJson[] {
  const samples: RunSample[] = [
    {
      runId: sampleRuns.runningId,
      agent: "support-triage",
      agentVersion: "1.2.0",
      status: "running",
      agoMs: 20 * second,
      durationMs: 4 * second,
      sessionId: "sess_refund_2077",
      traceId: "5d1c0e9a7b3f4e2d8c6a1b0f9e8d7c6b",
      input: "My parcel never arrived, order 2077.",
      costMicros: 1_204,
      steps: 1,
      model: "tier:medium",
      tokens: [612, 41],
      toolCalls: [toolCall(1, 0, "lookup_order", { orderId: "2077" }, "started")],
    },
    {
      runId: sampleRuns.completedId,
      agent: "support-triage",
      agentVersion: "1.2.0",
      status: "completed",
      agoMs: 5 * minute,
      durationMs: 6_420,
      sessionId: sampleNames.orchestratorSession,
      traceId: traceOf(traces, sampleNames.orchestratorRoot),
      input: "Where is my refund for order 2041?",
      output: sampleRuns.completedOutput,
      costMicros: sampleRuns.completedCostMicros,
      steps: 3,
      stopReason: "final-answer",
      model: "tier:medium",
      tokens: [3_412, 288],
      toolCalls: [
        toolCall(
          1,
          0,
          "lookup_order",
          { orderId: "2041" },
          { output: { orderId: "2041", status: "delivered" } },
        ),
        toolCall(
          2,
          0,
          "issue_refund",
          { orderId: "2041", amountUsd: 42 },
          { output: { refundId: "rf_8812", status: "issued" } },
        ),
      ],
    },
    {
      runId: sampleRuns.pausedId,
      agent: "refund-desk",
      agentVersion: "0.4.1",
      status: "paused",
      agoMs: 12 * minute,
      durationMs: 3_150,
      sessionId: "sess_refund_2052",
      traceId: "9e4b2a6c1d8f4a7b9c3e5d2f1a0b8c7d",
      input: { orderId: "2052", reason: "charged twice" },
      costMicros: 47_100,
      steps: 2,
      pause: {
        reason: "budget",
        message: sampleRuns.pauseMessage,
        details: { scope: "run", limitMicros: 50_000, spentMicros: 47_100 },
        at: new Date(now - 12 * minute + 3_150).toISOString(),
      },
      model: "tier:large",
      tokens: [9_820, 610],
      toolCalls: [
        toolCall(1, 0, "lookup_order", { orderId: "2052" }, { output: { orderId: "2052", charges: 2 } }),
      ],
    },
    {
      runId: sampleRuns.breakerId,
      agent: "loop-prone",
      agentVersion: "0.1.0",
      status: "completed",
      agoMs: 40 * minute,
      durationMs: 2_870,
      traceId: "1f2e3d4c5b6a49788796a5b4c3d2e1f0",
      input: "Find the docs page about refunds.",
      output: "I could not find a single page; the refund policy is spread over the FAQ and the terms.",
      costMicros: 3_966,
      steps: 4,
      stopReason: "breaker",
      model: "tier:small",
      tokens: [2_140, 190],
      toolsDisabled: true,
      toolCalls: [0, 1, 2].map((index) =>
        toolCall(index + 1, 0, "search_docs", { query: "refunds" }, { output: { results: [] } }),
      ),
      trips: [
        {
          reason: "repeated-tool-call",
          degradation: "stop-tools-and-summarize",
          message: sampleRuns.tripMessage,
          details: { tool: "search_docs", count: 3 },
          at: now - 40 * minute + 2_400,
        },
      ],
    },
    {
      runId: sampleRuns.failedId,
      agent: "billing-assistant",
      agentVersion: "2.0.0",
      status: "failed",
      agoMs: 22 * minute,
      durationMs: 32_950,
      sessionId: sampleNames.errorSession,
      traceId: traceOf(traces, sampleNames.errorRoot),
      input: "Charge the card on file for invoice 1177.",
      costMicros: 2_752,
      steps: 1,
      stopReason: "error",
      error: {
        code: "RUN_LIMIT_REACHED",
        message:
          'Agent "billing-assistant" reached its wallClockMs limit (30000) before giving a final answer',
        hint: "Raise limits.wallClockMs in the agent's defineAgent call if the task needs it, or look at the trace for a loop.",
      },
      model: "tier:large",
      tokens: [1_120, 64],
      toolCalls: [
        toolCall(
          1,
          0,
          "charge_card",
          { invoice: "1177" },
          { error: { code: "TOOL_TIMEOUT", message: "card processor did not answer within 30 s" } },
        ),
      ],
    },
    {
      runId: sampleRuns.oldId,
      agent: "support-triage",
      agentVersion: "1.1.0",
      status: "completed",
      agoMs: 3 * day,
      durationMs: 4_100,
      sessionId: sampleNames.oldSession,
      traceId: null,
      input: "Can I return shoes after 30 days?",
      output: "Returns are accepted within 60 days for unworn shoes.",
      costMicros: 6_010,
      steps: 1,
      stopReason: "final-answer",
      model: "tier:medium",
      tokens: [980, 74],
      toolCalls: [],
    },
  ];
  return samples
    .map((sample) => detail(sample, now))
    .sort((left, right) => Date.parse(right.run.createdAt) - Date.parse(left.run.createdAt));
}
