import * as z from "zod/mini";
import { createResponseParser } from "./response-parser.js";

// The shapes of the evals API (src/server/routes/eval-json.ts; src/evals' EvalSummary, GateVerdict and
// RunComparison) as they arrive. Extra fields are tolerated so a newer server does not break an older
// dashboard.

export const evalsApiPath = "/api/v1/evals";
export const evalSuitesPath = `${evalsApiPath}/suites`;
export const evalRunsPath = `${evalsApiPath}/runs`;

export const evalRunStatuses = ["running", "completed", "failed", "cancelled"] as const;
export const caseVerdicts = ["pass", "fail", "inconclusive"] as const;
export const caseStandings = ["passed", "failed", "inconclusive"] as const;

/** A mean with its spread and 95% interval (a Wilson interval for pass rates). */
export const estimateSchema = z.object({
  mean: z.number(),
  variance: z.number(),
  n: z.number(),
  ci95: z.tuple([z.number(), z.number()]),
});

export const evalSummarySchema = z.object({
  cases: z.number(),
  trials: z.number(),
  passedCases: z.number(),
  failedCases: z.number(),
  inconclusiveCases: z.number(),
  passRate: estimateSchema,
  scores: z.record(z.string(), estimateSchema),
  costMicros: z.number(),
  judgeCostMicros: z.number(),
  latencyMs: z.object({ p50: z.number(), p95: z.number() }),
  wallMs: z.number(),
});

/** What a suite runs against: an agent, a prompt (at a label or version) or a model. */
export const evalTargetSchema = z.object({
  kind: z.enum(["agent", "prompt", "model"]),
  agent: z.optional(z.string()),
  prompt: z.optional(z.string()),
  label: z.optional(z.string()),
  version: z.optional(z.string()),
  model: z.optional(z.string()),
});

const thresholdsSchema = z.object({
  passRate: z.optional(z.number()),
  scorers: z.optional(z.record(z.string(), z.number())),
  dimensions: z.optional(z.record(z.string(), z.number())),
  maxRegressions: z.optional(z.number()),
});

export const evalSuiteSchema = z.object({
  name: z.string(),
  file: z.string(),
  description: z.nullable(z.string()),
  target: evalTargetSchema,
  cases: z.number(),
  datasetName: z.string(),
  datasetHash: z.string(),
  datasetFile: z.string(),
  trials: z.number(),
  scorers: z.array(z.string()),
  thresholds: thresholdsSchema,
});

const suiteProblemSchema = z.object({
  file: z.string(),
  code: z.string(),
  message: z.string(),
  hint: z.nullable(z.string()),
});

const suiteListSchema = z.object({ suites: z.array(evalSuiteSchema), problems: z.array(suiteProblemSchema) });

export const evalRunSchema = z.object({
  id: z.string(),
  suite: z.string(),
  label: z.nullable(z.string()),
  status: z.enum(evalRunStatuses),
  datasetName: z.string(),
  datasetHash: z.string(),
  baselineRunId: z.nullable(z.string()),
  target: z.nullable(evalTargetSchema),
  trials: z.nullable(z.number()),
  judge: z.nullable(z.string()),
  createdAt: z.string(),
  finishedAt: z.nullable(z.string()),
  summary: z.nullable(evalSummarySchema),
  progress: z.nullable(z.object({ done: z.number(), total: z.number() })),
});

const runListSchema = z.object({ runs: z.array(evalRunSchema) });

/** One scorer's verdict on one trial; judges give one per dimension. */
export const scoreSchema = z.object({
  scorer: z.string(),
  dimension: z.optional(z.string()),
  value: z.number(),
  passed: z.boolean(),
  reason: z.optional(z.string()),
  inconclusive: z.optional(z.boolean()),
  costMicros: z.optional(z.number()),
});

const trialSchema = z.object({
  trial: z.number(),
  passed: z.boolean(),
  inconclusive: z.boolean(),
  scores: z.array(scoreSchema),
  text: z.string(),
  output: z.unknown(),
  costMicros: z.nullable(z.number()),
  latencyMs: z.number(),
  finishReason: z.nullable(z.string()),
  traceId: z.nullable(z.string()),
  error: z.nullable(z.object({ code: z.string(), message: z.string(), unavailable: z.boolean() })),
});

/** One case of a run, its trials folded together. */
export const comparedCaseSchema = z.object({
  caseId: z.string(),
  standing: z.enum(caseStandings),
  verdict: z.enum(caseVerdicts),
  trials: z.number(),
  passed: z.number(),
  inconclusive: z.number(),
  scores: z.record(z.string(), z.number()),
  costMicros: z.nullable(z.number()),
  latencyMs: z.number(),
  firstFailure: z.nullable(z.string()),
  traceIds: z.array(z.string()),
});

const caseResultSchema = z.extend(comparedCaseSchema, {
  input: z.unknown(),
  expected: z.unknown(),
  failureClass: z.nullable(z.string()),
  results: z.array(trialSchema),
});

const gateVerdictSchema = z.object({ exitCode: z.number(), reasons: z.array(z.string()) });

const flipSchema = z.object({
  caseId: z.string(),
  baseline: z.enum(caseVerdicts),
  current: z.enum(caseVerdicts),
});

export const runComparisonSchema = z.object({
  baselineRunId: z.string(),
  runId: z.string(),
  flips: z.array(flipSchema),
  regressions: z.number(),
  improvements: z.number(),
  passRateDelta: z.number(),
  pValue: z.number(),
  noiseFloor: z.number(),
  significantRegression: z.boolean(),
});

const runDetailSchema = z.object({
  run: evalRunSchema,
  thresholds: thresholdsSchema,
  verdict: z.nullable(gateVerdictSchema),
  comparison: z.nullable(runComparisonSchema),
  scoreKeys: z.array(z.string()),
  cases: z.array(caseResultSchema),
});

export const caseChanges = ["regression", "improvement", "changed", "same", "added", "removed"] as const;

const comparisonRowSchema = z.object({
  caseId: z.string(),
  baseline: z.nullable(comparedCaseSchema),
  current: z.nullable(comparedCaseSchema),
  change: z.enum(caseChanges),
});

const comparisonSchema = z.object({
  baseline: evalRunSchema,
  run: evalRunSchema,
  comparison: runComparisonSchema,
  cases: z.array(comparisonRowSchema),
});

const startedRunSchema = z.object({ run: evalRunSchema });

const addedCaseSchema = z.object({
  suite: z.string(),
  case: z.object({ id: z.string(), traceId: z.optional(z.string()) }),
  file: z.string(),
  dataset: z.object({ name: z.string(), hash: z.string(), cases: z.number() }),
});

export type Estimate = z.infer<typeof estimateSchema>;
export type EvalSummary = z.infer<typeof evalSummarySchema>;
export type EvalTarget = z.infer<typeof evalTargetSchema>;
export type EvalSuite = z.infer<typeof evalSuiteSchema>;
export type EvalSuiteList = z.infer<typeof suiteListSchema>;
export type EvalRunStatus = (typeof evalRunStatuses)[number];
export type EvalRun = z.infer<typeof evalRunSchema>;
export type EvalRunList = z.infer<typeof runListSchema>;
export type Score = z.infer<typeof scoreSchema>;
export type EvalTrial = z.infer<typeof trialSchema>;
export type ComparedCase = z.infer<typeof comparedCaseSchema>;
export type CaseResult = z.infer<typeof caseResultSchema>;
export type CaseVerdict = (typeof caseVerdicts)[number];
export type GateVerdict = z.infer<typeof gateVerdictSchema>;
export type RunComparison = z.infer<typeof runComparisonSchema>;
export type EvalRunDetail = z.infer<typeof runDetailSchema>;
export type CaseChange = (typeof caseChanges)[number];
export type ComparisonRow = z.infer<typeof comparisonRowSchema>;
export type EvalComparison = z.infer<typeof comparisonSchema>;
export type StartedEvalRun = z.infer<typeof startedRunSchema>;
export type AddedCase = z.infer<typeof addedCaseSchema>;

/** GET /api/v1/evals/suites. */
export const parseEvalSuiteList = createResponseParser(suiteListSchema, evalSuitesPath);

/** GET /api/v1/evals/runs. */
export const parseEvalRunList = createResponseParser(runListSchema, evalRunsPath);

/** GET /api/v1/evals/runs/:id. */
export const parseEvalRunDetail = createResponseParser(runDetailSchema, `${evalRunsPath}/:id`);

/** GET /api/v1/evals/compare. */
export const parseEvalComparison = createResponseParser(comparisonSchema, `${evalsApiPath}/compare`);

/** POST /api/v1/evals/runs: the run, just started. */
export const parseStartedEvalRun = createResponseParser(startedRunSchema, evalRunsPath);

/** POST /api/v1/evals/datasets/:suite/cases: the case added and the dataset's new version. */
export const parseAddedCase = createResponseParser(addedCaseSchema, `${evalsApiPath}/datasets/:suite/cases`);

/** The runs list, newest first, optionally of one suite. */
export function evalRunListApiPath(options: { suite?: string; limit: number }): string {
  const query = new URLSearchParams();
  if (options.suite) query.set("suite", options.suite);
  query.set("limit", String(options.limit));
  return `${evalRunsPath}?${query.toString()}`;
}

/** One run in full. */
export function evalRunApiPath(runId: string): string {
  return `${evalRunsPath}/${encodeURIComponent(runId)}`;
}

/** Two runs compared; the baseline is a run id (or a label of the run's suite). */
export function evalCompareApiPath(baseline: string, run: string): string {
  return `${evalsApiPath}/compare?${new URLSearchParams({ baseline, run }).toString()}`;
}

/** Where a trace is added to a suite's dataset as a case. */
export function evalAddCaseApiPath(suite: string): string {
  return `${evalsApiPath}/datasets/${encodeURIComponent(suite)}/cases`;
}
