import { ROOT_CONTEXT } from "@opentelemetry/api";
import { systemClock } from "../../core/index.js";
import type { CaseOutput, EvalCase, EvalTarget } from "../eval-spec.js";
import type { EvalDeps, TrialContext } from "./eval-deps.js";
import { runAgentTarget } from "./run-agent-target.js";
import { runModelTarget } from "./run-model-target.js";
import { runPromptTarget } from "./run-prompt-target.js";
import { failedOutput } from "./target-errors.js";

/** Attributes of a trial's root span, so a trace names the eval run, case and trial it belongs to. */
export const evalSpanKeys = {
  suite: "gantry.eval.suite",
  runId: "gantry.eval.run_id",
  caseId: "gantry.eval.case_id",
  trial: "gantry.eval.trial",
} as const;

function dispatch(
  target: EvalTarget,
  testCase: EvalCase,
  deps: EvalDeps,
  context: TrialContext,
): Promise<Omit<CaseOutput, "latencyMs">> {
  switch (target.kind) {
    case "agent":
      return runAgentTarget(target, testCase, deps, context);
    case "prompt":
      return runPromptTarget(target, testCase, deps, context);
    case "model":
      return runModelTarget(target, testCase, deps, context);
  }
}

/**
 * Runs one trial of one case against the target and never throws: a failure becomes the output's
 * `error` (`unavailable` for providers, ledgers and paused runs). With telemetry, the trial is its own
 * trace, an `eval_case {suite}` span at the root with the agent run or model call below it.
 */
export async function runTarget(
  target: EvalTarget,
  testCase: EvalCase,
  deps: EvalDeps,
  context: TrialContext,
): Promise<CaseOutput> {
  const clock = deps.clock ?? systemClock;
  const started = clock.now();
  let traceId: string | undefined;
  const attempt = async (): Promise<CaseOutput> => {
    try {
      const output = await dispatch(target, testCase, deps, context);
      return {
        ...output,
        latencyMs: clock.now() - started,
        ...(traceId && !output.traceId ? { traceId } : {}),
      };
    } catch (error) {
      return failedOutput(error, clock.now() - started, traceId);
    }
  };
  if (!deps.telemetry) return attempt();
  return deps.telemetry.withSpan(
    {
      name: `eval_case ${context.suite}`,
      parent: ROOT_CONTEXT,
      attributes: {
        [evalSpanKeys.suite]: context.suite,
        [evalSpanKeys.runId]: context.runId,
        [evalSpanKeys.caseId]: testCase.id,
        [evalSpanKeys.trial]: context.trial,
      },
    },
    async (span) => {
      traceId = span.spanContext().traceId;
      const output = await attempt();
      if (output.error) span.setStatus({ code: 2, message: output.error.message });
      return output;
    },
  );
}
