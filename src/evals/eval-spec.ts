import type { JsonValue } from "../core/index.js";

// Contract of the evals module: cases and datasets, what a target produced for a case, scorers and
// judges, results, summaries, comparisons and the CI gate. The suite file, the runner, the reports,
// online scoring, the CLI and the dashboard all program against this file.

export const caseSources = ["synthetic", "prod_replay", "manual"] as const;
export type CaseSource = (typeof caseSources)[number];
export const riskTiers = ["low", "medium", "high", "critical"] as const;
export type RiskTier = (typeof riskTiers)[number];

/** One case of a dataset (`evals/*.yaml` inline, or `datasets/*.jsonl` / `.yaml`). */
export interface EvalCase {
  id: string;
  /** The agent's input (text or JSON), the prompt's variables, or the model's user message. */
  input: JsonValue;
  /** What a correct answer is, for scorers that compare. */
  expected?: JsonValue;
  /** What a judge grades against, when there is no single expected answer. */
  rubric?: string;
  /** Reference material a faithfulness judge checks the answer against. */
  context?: JsonValue;
  tags: string[];
  /** The failure this case guards against (`invented-policy`, `wrong-queue`…). */
  failureClass?: string;
  source: CaseSource;
  riskTier?: RiskTier;
  /** The trace the case came from (`gantry eval add-from-trace`). */
  traceId?: string;
  /** Scorers for this case only, run after the suite's (promptfoo's per-test `assert`). */
  scorers?: ScorerSpec[];
  /** Template variables the input was rendered from (promptfoo imports); `javascript` scorers see them as `context.vars`. */
  vars?: Record<string, JsonValue>;
}

/**
 * A scorer as written in a suite file, a case or an online rule: `{ type, name?, threshold?, ...params }`.
 * `buildScorers` validates it (the parameters each type takes are in src/evals/README.md).
 */
export interface ScorerSpec {
  type: string;
  name?: string;
  threshold?: number;
  [parameter: string]: JsonValue | undefined;
}

export interface Dataset {
  name: string;
  /** sha256 of the canonical JSON of the cases: the version a run pins. */
  hash: string;
  cases: EvalCase[];
  /** Where it was read from. */
  origin?: string;
}

/** What a case runs against. */
export type EvalTarget =
  | { kind: "agent"; agent: string }
  | { kind: "prompt"; prompt: string; label?: string; version?: string; model?: string }
  | { kind: "model"; model: string; system?: string };

export interface ToolCallRecord {
  name: string;
  args: JsonValue;
}

/** What the target produced for one trial of one case. */
export interface CaseOutput {
  /** The final answer: parsed JSON when the target answers JSON, else the text. */
  output: JsonValue;
  text: string;
  /** Tool calls in the order they were made (agents only). */
  toolCalls: ToolCallRecord[];
  /** Integer micro-USD; null when unknown (an unpriced model). */
  costMicros: number | null;
  latencyMs: number;
  /** `stop`, `length`, `tool-calls`, `content-filter`, `error`… (agents: the run's stop reason). */
  finishReason?: string;
  traceId?: string;
  runId?: string;
  /**
   * The target failed. `unavailable` (provider down, judge unreachable, budget paused…) makes the trial
   * inconclusive rather than failed.
   */
  error?: { code: string; message: string; unavailable: boolean };
}

/** One scorer's verdict on one trial. Judges give one per dimension. */
export interface ScoreResult {
  scorer: string;
  /** A judge's dimension (`faithfulness`, `safety`, `completeness`, `format`, `tool_correctness`…). */
  dimension?: string;
  /** 0..1. */
  value: number;
  passed: boolean;
  reason?: string;
  /** The scorer could not decide (judge unavailable, unparseable verdict): not a pass, not a fail. */
  inconclusive?: boolean;
  /** What judging cost, integer micro-USD. */
  costMicros?: number;
}

/** Asks a model for a structured verdict (the judge model, temperature 0). */
export interface JudgeClient {
  /** `provider:model` the judge runs on. */
  model: string;
  complete(request: {
    system: string;
    user: string;
    schema: Record<string, unknown>;
  }): Promise<{ json: JsonValue; costMicros: number | null }>;
}

export interface ScorerContext {
  testCase: EvalCase;
  output: CaseOutput;
  /** Present when the suite configures a judge (llm-rubric and pairwise scorers need it). */
  judge?: JudgeClient;
}

export interface Scorer {
  /** Unique in a suite; defaults to the type. */
  name: string;
  type: string;
  /** A trial passes a scorer when its value is at least this (default 1 for exact scorers, 0.8 for levenshtein, 0.5 for judges). */
  threshold: number;
  score(context: ScorerContext): Promise<ScoreResult[]>;
}

export interface TrialResult {
  caseId: string;
  trial: number;
  output: CaseOutput;
  scores: ScoreResult[];
  /** Every scorer passed and none was inconclusive. */
  passed: boolean;
  inconclusive: boolean;
}

/** Mean with its spread: variance across trials or cases, and a 95% confidence interval. */
export interface Estimate {
  mean: number;
  variance: number;
  n: number;
  ci95: [number, number];
}

export interface EvalSummary {
  cases: number;
  trials: number;
  /** Cases whose every trial passed… see `passRate` for the trial-weighted rate. */
  passedCases: number;
  failedCases: number;
  inconclusiveCases: number;
  /** Share of conclusive trials that passed, with a Wilson 95% interval. */
  passRate: Estimate;
  /** Per scorer (and `scorer.dimension` for judges). */
  scores: Record<string, Estimate>;
  costMicros: number;
  /** Judge spend, part of `costMicros`. */
  judgeCostMicros: number;
  latencyMs: { p50: number; p95: number };
  wallMs: number;
}

/** A case that passed in one run and failed in the other (majority of its trials). */
export interface CaseFlip {
  caseId: string;
  baseline: "pass" | "fail" | "inconclusive";
  current: "pass" | "fail" | "inconclusive";
}

export interface RunComparison {
  baselineRunId: string;
  runId: string;
  flips: CaseFlip[];
  regressions: number;
  improvements: number;
  /** current − baseline pass rate. */
  passRateDelta: number;
  /** Exact two-sided McNemar p-value over the discordant cases. */
  pValue: number;
  /** The pass-rate change trial noise alone can produce (from the runs' trial variance). */
  noiseFloor: number;
  /** Worse beyond the noise floor with p < 0.05. */
  significantRegression: boolean;
}

/** `gantry eval --gate` exit codes. */
export const gateExitCodes = {
  pass: 0,
  internalError: 1,
  regression: 2,
  inconclusive: 3,
  failedCases: 100,
} as const;
export type GateExitCode = (typeof gateExitCodes)[keyof typeof gateExitCodes];

export interface GateVerdict {
  exitCode: GateExitCode;
  /** One line per reason, each naming the threshold or the cases. */
  reasons: string[];
}
