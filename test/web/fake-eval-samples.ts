import { hashJson, type JsonValue } from "../../src/core/index.js";
import { type EvalCase, type ScoreResult, summarizeTrials, type TrialResult } from "../../src/evals/index.js";
import type { EvalSuiteJson, EvalSuiteProblemJson } from "../../src/server/index.js";
import type { StoredEvalRun } from "../../src/store/index.js";
import type { FakeTrace } from "./fake-trace-builder.js";

// The evals the fake control plane serves: the workspace's suites, and runs stored the way the runner
// stores them (StoredEvalRun + TrialResults), so the fake answers through the server's own JSON
// builders. A `main` baseline of the triage suite, a pull request's run of it with a regression, an
// improvement and an inconclusive judge (the gate fails it: exit 100), a passing refunds run, and a
// triage run still going.

const minute = 60_000;
const hour = 60 * minute;

/** Ids and values the evals tests look for. */
export const sampleEvals = {
  baselineId: "evr_01JDQ0BASE0000000000000MAIN",
  currentId: "evr_01JDQ5CURR00000000000PR412",
  refundsId: "evr_01JDQ4REFUND000000000000OK",
  runningId: "evr_01JDQ6RUNNING00000000000GO",
  regressedCase: "refund-double-charge",
  improvedCase: "refund-partial",
  inconclusiveCase: "shipping-late",
  regressionReason: 'is "shipping"; expected "refund"',
  judgeUnavailable: "judge anthropic:claude-haiku-4-5 unavailable: 503 overloaded",
} as const;

/** The in-memory state of the fake's evals: suites, runs (newest first), results and pinned cases. */
export interface FakeEvals {
  suites: EvalSuiteJson[];
  problems: EvalSuiteProblemJson[];
  runs: StoredEvalRun[];
  results: Map<string, TrialResult[]>;
  /** Cases of each dataset version, by hash. */
  cases: Map<string, EvalCase[]>;
}

const triageCases: EvalCase[] = [
  ["refund-double-charge", "I was charged twice for order 2041, please refund one.", "refund", "wrong-queue"],
  ["refund-partial", "Only half of my refund for order 1988 arrived.", "refund", "invented-policy"],
  ["shipping-late", "My parcel was due Monday and has not arrived.", "shipping", undefined],
  ["account-locked", "It says my account is locked after the password reset.", "account", undefined],
  ["billing-vat", "Can you send an invoice with our VAT number?", "billing", undefined],
  ["other-feedback", "Just wanted to say the new app is great!", "other", undefined],
].map(([id, ticket, category, failureClass]) => ({
  id: id!,
  input: { ticket: ticket! },
  expected: { category: category! },
  tags: [category!],
  ...(failureClass ? { failureClass } : {}),
  source: failureClass ? ("prod_replay" as const) : ("manual" as const),
}));

const refundCases: EvalCase[] = ["2041", "1988", "2077", "2103"].map((order) => ({
  id: `refund-${order}`,
  input: { orderId: order, amountUsd: 42 },
  tags: ["refund"],
  source: "synthetic" as const,
}));

const triageHash = hashJson(triageCases);
const refundsHash = hashJson(refundCases);

const triageConfig = {
  target: { kind: "agent", agent: "support-triage" },
  trials: 2,
  concurrency: 8,
  cache: false,
  judge: "anthropic:claude-haiku-4-5",
  thresholds: { passRate: 0.9, scorers: {}, dimensions: { faithfulness: 0.7 } },
} satisfies JsonValue;

function run(
  now: number,
  sample: Pick<
    StoredEvalRun,
    "id" | "suite" | "status" | "label" | "baselineRunId" | "datasetName" | "datasetHash"
  > & {
    agoMs: number;
    wallMs: number;
    config: JsonValue;
  },
): StoredEvalRun {
  const { agoMs, wallMs, ...rest } = sample;
  return {
    ...rest,
    projectId: "default",
    summary: null,
    createdAt: new Date(now - agoMs).toISOString(),
    finishedAt: sample.status === "running" ? null : new Date(now - agoMs + wallMs).toISOString(),
  };
}

interface TrialSample {
  answer: string;
  /** The judge's faithfulness, or "unavailable". */
  faithfulness: number | "unavailable";
}

function triageTrial(
  caseId: string,
  trial: number,
  sample: TrialSample,
  expected: string,
  traceId: string,
): TrialResult {
  const inconclusive = sample.faithfulness === "unavailable";
  const scores: ScoreResult[] = [
    {
      scorer: "category-equals",
      value: sample.answer === expected ? 1 : 0,
      passed: sample.answer === expected,
      reason:
        sample.answer === expected ? `is "${expected}"` : `is "${sample.answer}"; expected "${expected}"`,
    },
    sample.faithfulness === "unavailable"
      ? {
          scorer: "policy-judge",
          dimension: "faithfulness",
          value: 0,
          passed: false,
          inconclusive: true,
          reason: sampleEvals.judgeUnavailable,
        }
      : {
          scorer: "policy-judge",
          dimension: "faithfulness",
          value: sample.faithfulness,
          passed: sample.faithfulness >= 0.5,
          reason:
            sample.faithfulness >= 0.5
              ? "quotes the 30-day refund window from the policy"
              : "promises a refund within 24 hours, which the policy does not say",
          costMicros: 310,
        },
  ];
  return {
    caseId,
    trial,
    output: {
      output: { category: sample.answer },
      text: JSON.stringify({ category: sample.answer }),
      toolCalls: [{ name: "lookup_order", args: { orderId: "2041" } }],
      costMicros: 1_840 + trial * 35,
      latencyMs: 1_420 + trial * 180 + caseId.length * 11,
      finishReason: "final-answer",
      traceId,
    },
    scores,
    passed: !inconclusive && scores.every((score) => score.passed),
    inconclusive,
  };
}

const good = (category: string): TrialSample => ({ answer: category, faithfulness: 0.9 });

function triageResults(
  outcomes: Record<string, [TrialSample, TrialSample]>,
  traceIds: readonly string[],
): TrialResult[] {
  let next = 0;
  return triageCases.flatMap((testCase) => {
    const expected = (testCase.expected as { category: string }).category;
    return (outcomes[testCase.id] ?? [good(expected), good(expected)]).map((sample, trial) =>
      triageTrial(testCase.id, trial, sample, expected, traceIds[next++ % traceIds.length]!),
    );
  });
}

function refundResults(traceIds: readonly string[]): TrialResult[] {
  return refundCases.map((testCase, index) => ({
    caseId: testCase.id,
    trial: 0,
    output: {
      output: { reply: "Your refund was issued; allow 5 business days.", refundWindowDays: 30 },
      text: '{"reply":"Your refund was issued; allow 5 business days.","refundWindowDays":30}',
      toolCalls: [],
      costMicros: 612,
      latencyMs: 640 + index * 40,
      finishReason: "stop",
      traceId: traceIds[(index + 3) % traceIds.length]!,
    },
    scores: [
      { scorer: "is-json", value: 1, passed: true, reason: "valid JSON" },
      { scorer: "mentions-window", value: 1, passed: true, reason: 'contains "business days"' },
    ],
    passed: true,
    inconclusive: false,
  }));
}

/** The sample evals; trial traces are the sample traces', so their links open. */
export function buildSampleEvals(now: number, traces: readonly FakeTrace[]): FakeEvals {
  const traceIds = traces.map((trace) => trace.traceId);
  const runs = [
    run(now, {
      id: sampleEvals.runningId,
      suite: "triage",
      status: "running",
      label: null,
      baselineRunId: null,
      datasetName: "triage",
      datasetHash: triageHash,
      agoMs: 20_000,
      wallMs: 0,
      config: triageConfig,
    }),
    run(now, {
      id: sampleEvals.currentId,
      suite: "triage",
      status: "completed",
      label: "pr-412",
      baselineRunId: sampleEvals.baselineId,
      datasetName: "triage",
      datasetHash: triageHash,
      agoMs: hour,
      wallMs: 48_200,
      config: triageConfig,
    }),
    run(now, {
      id: sampleEvals.refundsId,
      suite: "refunds",
      status: "completed",
      label: "main",
      baselineRunId: null,
      datasetName: "refunds",
      datasetHash: refundsHash,
      agoMs: 2 * hour,
      wallMs: 3_900,
      config: {
        target: { kind: "prompt", prompt: "refund-reply", label: "production" },
        trials: 1,
        thresholds: { passRate: 1, scorers: {}, dimensions: {} },
      },
    }),
    run(now, {
      id: sampleEvals.baselineId,
      suite: "triage",
      status: "completed",
      label: "main",
      baselineRunId: null,
      datasetName: "triage",
      datasetHash: triageHash,
      agoMs: 3 * 24 * hour,
      wallMs: 51_700,
      config: triageConfig,
    }),
  ];
  const wrong: TrialSample = { answer: "shipping", faithfulness: 0.3 };
  const results = new Map<string, TrialResult[]>([
    [sampleEvals.baselineId, triageResults({ [sampleEvals.improvedCase]: [wrong, wrong] }, traceIds)],
    [
      sampleEvals.currentId,
      triageResults(
        {
          [sampleEvals.regressedCase]: [wrong, wrong],
          [sampleEvals.inconclusiveCase]: [
            good("shipping"),
            { answer: "shipping", faithfulness: "unavailable" },
          ],
        },
        traceIds,
      ),
    ],
    [sampleEvals.refundsId, refundResults(traceIds)],
    [sampleEvals.runningId, triageResults({}, traceIds).slice(0, 5)],
  ]);
  const suites: EvalSuiteJson[] = [
    {
      name: "refunds",
      file: "evals/refunds.yaml",
      description: "The refund reply prompt answers JSON and states the refund window.",
      target: { kind: "prompt", prompt: "refund-reply", label: "production" },
      cases: refundCases.length,
      datasetName: "refunds",
      datasetHash: refundsHash,
      datasetFile: "datasets/refunds.jsonl",
      trials: 1,
      scorers: ["is-json", "mentions-window"],
      thresholds: { passRate: 1, scorers: {}, dimensions: {} },
    },
    {
      name: "triage",
      file: "evals/triage.yaml",
      description: "Support tickets routed to the right queue without invented policy.",
      target: { kind: "agent", agent: "support-triage" },
      cases: triageCases.length,
      datasetName: "triage",
      datasetHash: triageHash,
      datasetFile: "evals/triage.yaml",
      trials: 2,
      scorers: ["category-equals", "policy-judge"],
      thresholds: { passRate: 0.9, scorers: {}, dimensions: { faithfulness: 0.7 } },
    },
  ];
  const problems: EvalSuiteProblemJson[] = [
    {
      file: "evals/billing.yaml",
      code: "EVAL_SUITE_INVALID",
      message:
        "Invalid eval suite evals/billing.yaml:\n  evals/billing.yaml:4  scorers.0.type: unknown scorer type 'contain'; did you mean contains?",
      hint: "A suite is { suite, target, dataset | cases, scorers, thresholds? }; docs/guides/evals.md has the format.",
    },
  ];
  for (const [runId, list] of results) {
    const stored = runs.find((candidate) => candidate.id === runId)!;
    if (stored.status === "completed") {
      stored.summary = JSON.parse(
        JSON.stringify(summarizeTrials(list, Date.parse(stored.finishedAt!) - Date.parse(stored.createdAt))),
      ) as JsonValue;
    }
  }
  return {
    suites,
    problems,
    runs,
    results,
    cases: new Map([
      [triageHash, triageCases],
      [refundsHash, refundCases],
    ]),
  };
}
