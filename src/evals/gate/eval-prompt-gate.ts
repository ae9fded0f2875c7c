import type { JsonValue } from "../../core/index.js";
import type { PromptGate, PromptGateContext, PromptGateResult } from "../../prompts/index.js";
import type { Dataset } from "../eval-spec.js";
import type { EvalDeps, RunnableSuite } from "../runner/eval-deps.js";
import { type RunEvalOptions, runEval } from "../runner/run-eval.js";
import type { GateThresholds } from "./gate-thresholds.js";
import { gateVerdict } from "./gate-verdict.js";

/** What the gate needs to run its suite, loaded when a label move asks (not when the config loads). */
export interface EvalPromptGateSetup {
  suite: RunnableSuite;
  dataset: Dataset;
  deps: EvalDeps;
  /** Default: the suite's thresholds. */
  thresholds?: GateThresholds;
  /** Trials, concurrency, cache, baseline… (`label` defaults to `gate:<prompt>@<version>`). */
  options?: Omit<RunEvalOptions, "resumeRunId" | "onProgress">;
}

export interface EvalPromptGateOptions {
  /** The suite's name: the gate is `evals:<suite>` unless `name` says otherwise. */
  suite: string;
  name?: string;
  /** Loads the suite, its dataset and what it runs on; the gate pins the suite's prompt target to the candidate. */
  load: (context: PromptGateContext) => Promise<EvalPromptGateSetup>;
}

/** Gate names `evals:<suite>` name an eval suite of the workspace. */
export const evalsGatePrefix = "evals:";

function percent(value: number): string {
  return `${(value * 100).toFixed(1).replace(/\.0$/, "")}%`;
}

/**
 * A prompt-label gate (`prompts.labels.<label>.gates: ["evals:<suite>"]`) that runs an eval suite with
 * its prompt target pinned to the candidate version and passes only on gate verdict 0. A suite whose
 * target is not that prompt fails closed, naming what it targets.
 */
export function evalPromptGate(options: EvalPromptGateOptions): PromptGate {
  const name = options.name ?? `${evalsGatePrefix}${options.suite}`;
  return {
    name,
    description: `runs eval suite ${options.suite} on the candidate version; passes on gate verdict 0`,
    async check(context): Promise<PromptGateResult> {
      const setup = await options.load(context);
      const { target } = setup.suite;
      if (target.kind !== "prompt" || target.prompt !== context.promptId) {
        const targets =
          target.kind === "prompt"
            ? `prompt ${target.prompt}`
            : `${target.kind} ${target.kind === "agent" ? target.agent : target.model}`;
        return {
          passed: false,
          summary: `suite ${setup.suite.name} targets ${targets}, not prompt ${context.promptId}: it cannot test the candidate`,
        };
      }
      const candidate = context.candidate.version;
      const suite: RunnableSuite = {
        ...setup.suite,
        target: {
          kind: "prompt",
          prompt: target.prompt,
          version: candidate,
          ...(target.model ? { model: target.model } : {}),
        },
      };
      const outcome = await runEval({
        suite,
        dataset: setup.dataset,
        deps: setup.deps,
        options: { label: `gate:${context.promptId}@${candidate}`, ...setup.options },
      });
      const verdict = gateVerdict({
        summary: outcome.summary,
        results: outcome.results,
        thresholds: setup.thresholds ?? suite.thresholds ?? {},
        ...(outcome.comparison ? { comparison: outcome.comparison } : {}),
      });
      const { passRate } = outcome.summary;
      return {
        passed: verdict.exitCode === 0,
        summary:
          `${suite.name} on ${context.promptId}@${candidate}: pass rate ${percent(passRate.mean)} of ${passRate.n} trials, ` +
          `exit ${verdict.exitCode}${verdict.exitCode === 0 ? "" : `: ${verdict.reasons[0] ?? ""}`} (eval run ${outcome.run.id})`,
        details: { runId: outcome.run.id, exitCode: verdict.exitCode, reasons: verdict.reasons } as JsonValue,
      };
    },
  };
}
