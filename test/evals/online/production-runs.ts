import { createHash } from "node:crypto";
import type { JsonValue } from "../../../src/core/index.js";
import type { JudgeClient, Scorer, ScorerContext } from "../../../src/evals/index.js";
import type { RunStateV1 } from "../../../src/runtime/index.js";
import type { RunRecord, Store } from "../../../src/store/index.js";
import { makeSpan } from "../../store/span-fixtures.js";

// Production runs as the runtime leaves them (a saved state, a trace with an `invoke_agent` root and
// a model call), and the scorers and judge online rules are given in tests: real objects behind the
// injection seams (`buildScorers`, `JudgeClient`), not stand-ins for the store.

let runNumber = 0;

/** A 32-hex trace id, different for every run of the test process. */
export function traceIdFor(seed: string): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, 32);
}

export interface ProductionRunOptions {
  agent?: string;
  status?: "completed" | "failed" | "running";
  answer?: string;
  environment?: string | null;
  /** Store the trace's spans (default true). */
  spans?: boolean;
  traceId?: string;
}

function runState(
  runId: string,
  agent: string,
  traceId: string,
  startedAt: string,
  answer: string,
): RunStateV1 {
  return {
    schemaVersion: 1,
    runId,
    agent: { name: agent, version: "1.2.0" },
    model: "sim:sim-large",
    input: "Where is my refund for order A-1?",
    parentRunIds: [],
    projectId: "default",
    messages: [
      { role: "user", content: [{ type: "text", text: "Where is my refund for order A-1?" }] },
      {
        role: "assistant",
        content: [
          { type: "tool-call", toolCallId: "call_1", toolName: "lookup_order", input: { orderId: "A-1" } },
        ],
      },
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "call_1",
            toolName: "lookup_order",
            output: { type: "json", value: { status: "refunded" } },
          },
        ],
      },
      { role: "assistant", content: [{ type: "text", text: answer }] },
    ],
    steps: 2,
    toolCalls: [
      {
        toolCallId: "call_1",
        toolName: "lookup_order",
        input: { orderId: "A-1" },
        idempotencyKey: `${runId}:call_1`,
        step: 1,
        attempts: 1,
        status: "completed",
        output: { status: "refunded" },
      },
    ],
    costMicros: 2_450,
    unpricedCalls: 0,
    inputTokens: 1_900,
    outputTokens: 140,
    repairs: 0,
    toolsDisabled: false,
    stopReason: "final-answer",
    output: answer,
    elapsedMs: 1_830,
    traceId,
    startedAt,
  };
}

/** Saves a run the way the runtime does (created running, then finished), with its trace's spans. */
export async function productionRun(store: Store, options: ProductionRunOptions = {}): Promise<RunRecord> {
  runNumber += 1;
  const agent = options.agent ?? "triage";
  const traceId = options.traceId ?? traceIdFor(`run-${runNumber}-${Math.random()}`);
  const answer = options.answer ?? "Your refund was issued on Monday; it takes 5 business days.";
  const created = await store.runs.create({
    agent,
    agentVersion: "1.2.0",
    status: "running",
    input: "Where is my refund for order A-1?",
    traceId,
  });
  const state = runState(created.id, agent, traceId, created.createdAt, answer);
  if (options.spans ?? true) {
    const start = Date.parse(created.createdAt);
    const environment = options.environment === undefined ? "production" : options.environment;
    await store.spans.insertMany([
      makeSpan({
        traceId,
        spanId: `${traceId.slice(0, 12)}0001`,
        parentSpanId: null,
        name: `invoke_agent ${agent}`,
        kind: "internal",
        startTimeMs: start,
        endTimeMs: start + 1_830,
        attributes: {
          "gen_ai.operation.name": "invoke_agent",
          "gen_ai.agent.name": agent,
          ...(environment === null ? {} : { "otel.resource.deployment.environment.name": environment }),
        },
        events: [],
        agent,
        model: null,
        costMicros: null,
        environment,
      }),
      makeSpan({
        traceId,
        spanId: `${traceId.slice(0, 12)}0002`,
        parentSpanId: `${traceId.slice(0, 12)}0001`,
        startTimeMs: start + 10,
        endTimeMs: start + 900,
        agent,
        costMicros: 2_450,
        environment,
      }),
    ]);
  }
  const status = options.status ?? "completed";
  if (status === "running")
    return (await store.runs.update(created.id, { state: state as unknown as JsonValue }))!;
  return store.runs.update(created.id, {
    status,
    output: status === "completed" ? answer : null,
    state: (status === "completed"
      ? state
      : { ...state, stopReason: "error", output: undefined }) as unknown as JsonValue,
    costMicros: 2_450,
    ...(status === "failed" ? { error: { code: "MODEL_UNAVAILABLE", message: "sim returned 503" } } : {}),
  });
}

/** A deterministic scorer: 1 when the answer mentions a refund. Records what it was asked. */
export function refundScorer(name = "mentions-refund"): Scorer & { seen: ScorerContext[] } {
  const seen: ScorerContext[] = [];
  return {
    name,
    type: "contains",
    threshold: 1,
    seen,
    async score(context) {
      seen.push(context);
      const value = context.output.text.toLowerCase().includes("refund") ? 1 : 0;
      return [
        { scorer: name, value, passed: value === 1, reason: value === 1 ? undefined : "no refund mentioned" },
      ];
    },
  };
}

/** An llm-rubric scorer asking the judge once, one score per dimension. */
export function rubricScorer(name = "rubric"): Scorer {
  return {
    name,
    type: "llm-rubric",
    threshold: 0.5,
    async score(context) {
      if (context.judge === undefined) {
        return [{ scorer: name, dimension: "faithfulness", value: 0, passed: false, inconclusive: true }];
      }
      const verdict = await context.judge.complete({
        system: "Grade the answer.",
        user: context.output.text,
        schema: { type: "object" },
      });
      const grades = verdict.json as { faithfulness: number; safety: number };
      return [
        {
          scorer: name,
          dimension: "faithfulness",
          value: grades.faithfulness,
          passed: grades.faithfulness >= 0.5,
          reason: "cites the order status",
        },
        { scorer: name, dimension: "safety", value: grades.safety, passed: grades.safety >= 0.5 },
      ];
    },
  };
}

/** A judge model that answers at a fixed price (null: unpriced), counting its calls. */
export function pricedJudge(costMicros: number | null): JudgeClient & { calls: number } {
  const judge = {
    model: "sim:judge-large",
    calls: 0,
    async complete() {
      judge.calls += 1;
      return { json: { faithfulness: 0.9, safety: 1 }, costMicros };
    },
  };
  return judge;
}
