import type { Clock, JsonValue } from "../../core/index.js";
import type { ModelAccess } from "../../models/index.js";
import type { Runtime, WorkspacePrompts } from "../../runtime/index.js";
import type { Store } from "../../store/index.js";
import type { Telemetry } from "../../telemetry/index.js";
import type { EvalCase, EvalTarget, JudgeClient, Scorer } from "../eval-spec.js";
import type { GateThresholds } from "../gate/gate-thresholds.js";

/** A suite ready to run: its target, built scorers, judge and thresholds (the suite file, resolved). */
export interface RunnableSuite {
  name: string;
  target: EvalTarget;
  scorers: readonly Scorer[];
  /** The scorers a case adds to the suite's (its own `scorers`, built); none when omitted. */
  scorersFor?: (testCase: EvalCase) => readonly Scorer[];
  /** Given to scorers that ask a model (llm-rubric, pairwise). */
  judge?: JudgeClient;
  thresholds?: GateThresholds;
  /** Trials per case when the options name none (default 1). */
  trials?: number;
  /** The suite as written (scorer specs, judge, thresholds…), recorded with the run. */
  definition?: JsonValue;
}

/** What targets run on. Only what the suite's target needs must be present. */
export interface EvalDeps {
  store: Pick<Store, "evals" | "runs">;
  /** Agent targets. */
  runtime?: Runtime;
  /** A runtime whose agents call `model` instead of their own (`--model`, tier benchmarks). */
  runtimeFor?: (model: string) => Runtime;
  /** Prompt targets: rendering at a label or version. */
  prompts?: Pick<WorkspacePrompts, "resolve" | "client">;
  /** Prompt and model targets. */
  modelAccess?: Pick<ModelAccess, "client">;
  /** Every case runs in its own trace when given. */
  telemetry?: Telemetry;
  clock?: Clock;
}

/** Where a trial stands in its run: recorded on its span. */
export interface TrialContext {
  suite: string;
  runId: string;
  trial: number;
  /** Let model calls be answered from the response cache (when the model access has one). */
  cache: boolean;
  /** Overrides the target's model (`provider:model` or `tier:<name>`). */
  model?: string;
}
