import type { JsonValue } from "../../core/index.js";
import type { ModelClient } from "../../models/index.js";
import type { Runtime, WorkspacePrompts } from "../../runtime/index.js";
import { selectorOf } from "../../runtime/index.js";
import type { Dataset, EvalTarget, ScorerSpec } from "../eval-spec.js";
import { type JudgeCandidate, judgeModelFor, modelJudgeClient } from "../judge/index.js";
import { buildSuiteScorers } from "../scorers/index.js";
import type { SuiteDefinition } from "../suite/index.js";
import type { RunnableSuite } from "./eval-deps.js";

export interface PrepareSuiteOptions {
  suite: SuiteDefinition;
  dataset: Dataset;
  /** The workspace root: custom scorer modules resolve against it. */
  root: string;
  models: ModelClient;
  /** The models the workspace can call (`configuredModels(config.models)`), for choosing the judge. */
  configuredModels: readonly JudgeCandidate[];
  /** `evals.judge.model` from the config; the suite's own `judge` wins over it. */
  configuredJudge?: string;
  /** The model the target runs on (see `targetModelOf`), so the judge is of another family. */
  targetModel: string;
}

const judgedTypes = new Set(["llm-rubric", "pairwise"]);

function needsJudge(specs: readonly ScorerSpec[]): boolean {
  return specs.some((spec) => judgedTypes.has(spec.type));
}

/**
 * Turns a suite file into a runnable suite: builds the suite's and every case's scorers (a bad spec
 * fails here, before any case runs), and, when a scorer asks a model, the judge (of another family
 * than the target by default; `judgeNote` says when it could not be).
 */
export async function prepareSuite(
  options: PrepareSuiteOptions,
): Promise<{ suite: RunnableSuite; judgeModel?: string; judgeNote?: string }> {
  const { suite, dataset } = options;
  const scorers = await buildSuiteScorers(suite.scorers, dataset.cases, {
    root: options.root,
    where: `suite ${suite.name}`,
  });
  const judged =
    needsJudge(suite.scorers) || dataset.cases.some((testCase) => needsJudge(testCase.scorers ?? []));
  const choice = judged
    ? judgeModelFor(
        options.targetModel,
        options.configuredModels,
        suite.judge?.model ?? options.configuredJudge,
      )
    : undefined;
  const runnable: RunnableSuite = {
    name: suite.name,
    target: suite.target,
    scorers: scorers.scorers,
    scorersFor: scorers.scorersFor,
    thresholds: suite.thresholds,
    trials: suite.trials,
    definition: JSON.parse(
      JSON.stringify({ ...suite, dataset: "file" in suite.dataset ? suite.dataset : { inline: true } }),
    ) as JsonValue,
    ...(choice ? { judge: modelJudgeClient(options.models, choice.model) } : {}),
  };
  return {
    suite: runnable,
    ...(choice ? { judgeModel: choice.model } : {}),
    ...(choice?.note ? { judgeNote: choice.note } : {}),
  };
}

/** The model a target runs on: an override, the target's own, the agent's or the prompt's hint, else the default. */
export async function targetModelOf(
  target: EvalTarget,
  context: {
    defaultModel: string;
    override?: string;
    runtime?: Pick<Runtime, "agent">;
    prompts?: Pick<WorkspacePrompts, "client">;
  },
): Promise<string> {
  if (context.override) return context.override;
  if (target.kind === "model") return target.model;
  if (target.kind === "agent") return context.runtime?.agent(target.agent).model ?? context.defaultModel;
  if (target.model) return target.model;
  const hint = context.prompts
    ? (await context.prompts.client.getPrompt(target.prompt, selectorOf(target.version ?? target.label)))
        .frontMatter.model
    : undefined;
  return (hint?.tier ? `tier:${hint.tier}` : hint?.id) ?? context.defaultModel;
}
