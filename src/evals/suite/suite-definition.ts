import type { EvalCase, EvalTarget, ScorerSpec } from "../eval-spec.js";

// A suite as the runner needs it: what runs (target), on which cases, scored how, and what the gate
// requires. `parseSuiteFile` reads it from `evals/<suite>.yaml`; the promptfoo importer builds it too.

export interface SuiteThresholds {
  /** Share of conclusive trials that must pass (0..1); default 1. */
  passRate: number;
  /** Per scorer name: the least mean value across trials. */
  scorers: Record<string, number>;
  /** Per judge dimension (`faithfulness`…): the least mean value across trials of every judge grading it. */
  dimensions: Record<string, number>;
  /** With a baseline: how many cases may flip from pass to fail; unset leaves it to the significance test. */
  maxRegressions?: number;
}

export interface SuiteDefinition {
  name: string;
  description?: string;
  target: EvalTarget;
  /** A dataset file (relative to the workspace root) or the cases written in the suite. */
  dataset: { file: string } | { cases: EvalCase[] };
  scorers: ScorerSpec[];
  thresholds: SuiteThresholds;
  /** Runs per case (mean, variance and intervals need more than one); default 1. */
  trials: number;
  /** Cases in flight at once; default 8. */
  concurrency: number;
  /** Reuse model answers cached from earlier identical calls; default false. */
  cache: boolean;
  /** The judge model for llm-rubric and pairwise scorers; default: chosen by `judgeModelFor`. */
  judge?: { model: string };
  /** The file it was read from. */
  file?: string;
}
