import { GantryError } from "../../core/index.js";
import { caseVerdicts } from "../compare/index.js";
import type { Dataset } from "../eval-spec.js";
import type { EvalDeps, RunnableSuite } from "../runner/eval-deps.js";
import { type EvalRunOutcome, type RunEvalOptions, runEval } from "../runner/run-eval.js";
import { proposeRouting, type RoutingProposal } from "./propose-routing.js";
import { defaultTaskProfile, type TaskProfile } from "./task-profile.js";
import { type TierMetrics, tierMetrics } from "./tier-metrics.js";

export interface RunTiersInput {
  suite: RunnableSuite;
  dataset: Dataset;
  /** `models.tiers` from the config: every tier is benchmarked, in this order. */
  tiers: Record<string, readonly string[]>;
  deps: EvalDeps;
  /** Missing fields take `defaultTaskProfile`'s. */
  profile?: Partial<TaskProfile>;
  options?: Omit<RunEvalOptions, "model" | "resumeRunId" | "baselineRunId">;
  /** Told as each tier starts and finishes. */
  onTier?: (tier: string, outcome?: EvalRunOutcome) => void;
}

export interface TierBenchmark {
  suite: string;
  profile: TaskProfile;
  tiers: TierMetrics[];
  proposal: RoutingProposal;
}

// A cascade's validator: `json` when every answer the tiers gave was JSON, else `non-empty`.
function validatorFor(outcomes: readonly EvalRunOutcome[]): "json" | "non-empty" {
  const answers = outcomes.flatMap((outcome) => outcome.results.filter((result) => !result.output.error));
  return answers.length > 0 &&
    answers.every((result) => typeof result.output.output === "object" && result.output.output !== null)
    ? "json"
    : "non-empty";
}

/**
 * Runs the suite once per tier (the target's model set to `tier:<name>`, each run labelled
 * `tier:<name>`) and measures accuracy, cost per success, p50/p95 latency and, for every cheaper →
 * dearer pair, the cascade's escalation rate; then proposes the routing for the task profile.
 */
export async function runTiers(input: RunTiersInput): Promise<TierBenchmark> {
  const names = Object.keys(input.tiers);
  if (names.length === 0) {
    throw new GantryError({
      code: "EVAL_TIERS_NONE",
      message: "The workspace configures no model tiers to benchmark",
      domain: "EVAL",
      category: "USER",
      hint: 'Declare tiers under models.tiers in gantry.config.ts, cheapest first, e.g. { small: ["openai:gpt-4o-mini"], large: ["openai:gpt-4o"] }.',
    });
  }
  const profile: TaskProfile = { ...defaultTaskProfile, ...input.profile };
  const outcomes: EvalRunOutcome[] = [];
  const tiers: TierMetrics[] = [];
  for (const tier of names) {
    input.onTier?.(tier);
    const outcome = await runEval({
      suite: input.suite,
      dataset: input.dataset,
      deps: input.deps,
      options: { label: `tier:${tier}`, ...input.options, model: `tier:${tier}` },
    });
    outcomes.push(outcome);
    tiers.push(
      tierMetrics(tier, outcome.run.id, outcome.summary, outcome.results, caseVerdicts(outcome.results)),
    );
    input.onTier?.(tier, outcome);
  }
  const proposal = proposeRouting({
    task: input.suite.name,
    tiers,
    profile,
    validator: validatorFor(outcomes),
  });
  return { suite: input.suite.name, profile, tiers, proposal };
}
