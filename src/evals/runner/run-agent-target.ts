import type { JsonValue } from "../../core/index.js";
import type { RunResult, Runtime } from "../../runtime/index.js";
import type { CaseOutput, EvalCase, EvalTarget, ToolCallRecord } from "../eval-spec.js";
import type { EvalDeps, TrialContext } from "./eval-deps.js";
import { missingDependency } from "./run-model-target.js";
import { isUnavailableCode } from "./target-errors.js";

/** The runtime an agent target runs on: the model-overriding one when the trial names a model. */
export function agentRuntime(deps: EvalDeps, model: string | undefined): Runtime {
  if (model !== undefined) {
    if (!deps.runtimeFor) throw missingDependency("a runtime for another model (runtimeFor)", "agent");
    return deps.runtimeFor(model);
  }
  if (!deps.runtime) throw missingDependency("the workspace's runtime", "agent");
  return deps.runtime;
}

interface RecordedState {
  toolCalls?: Array<{ toolName?: unknown; input?: unknown }>;
  unpricedCalls?: unknown;
}

async function recordedState(deps: EvalDeps, runId: string): Promise<RecordedState> {
  const record = await deps.store.runs.get(runId);
  const state = record?.state;
  return typeof state === "object" && state !== null && !Array.isArray(state) ? (state as RecordedState) : {};
}

function toolCallsOf(state: RecordedState): ToolCallRecord[] {
  return (state.toolCalls ?? [])
    .filter((call) => typeof call.toolName === "string")
    .map((call) => ({ name: call.toolName as string, args: (call.input ?? null) as JsonValue }));
}

// A paused run (budget, approval, breaker) or a provider that never answered says nothing about the
// agent's quality: the trial is inconclusive. Any other failure (a limit, a policy denial, bad output)
// is the agent's own and fails the trial.
function runError(result: RunResult): CaseOutput["error"] {
  if (result.status === "paused") {
    return {
      code: "EVAL_RUN_PAUSED",
      message: `the run paused (${result.pause?.reason ?? "unknown"}): ${result.pause?.message ?? ""}`.trim(),
      unavailable: true,
    };
  }
  if (result.status === "cancelled") {
    return { code: "EVAL_RUN_CANCELLED", message: "the run was cancelled", unavailable: true };
  }
  if (result.status === "failed") {
    const code = result.error?.code ?? "RUN_FAILED";
    return { code, message: result.error?.message ?? "the run failed", unavailable: isUnavailableCode(code) };
  }
  return undefined;
}

/** An `agent` target: one run of the agent with the case input, read back with its tool calls. */
export async function runAgentTarget(
  target: Extract<EvalTarget, { kind: "agent" }>,
  testCase: EvalCase,
  deps: EvalDeps,
  context: TrialContext,
): Promise<Omit<CaseOutput, "latencyMs">> {
  const runtime = agentRuntime(deps, context.model);
  const handle = await runtime.start(target.agent, { input: testCase.input });
  const result = await handle.result;
  const state = await recordedState(deps, result.runId);
  const output = result.output;
  const unpriced = typeof state.unpricedCalls === "number" && state.unpricedCalls > 0;
  const error = runError(result);
  return {
    output,
    text: output === null ? "" : typeof output === "string" ? output : JSON.stringify(output),
    toolCalls: toolCallsOf(state),
    costMicros: unpriced ? null : result.costMicros,
    ...(result.stopReason ? { finishReason: result.stopReason } : {}),
    runId: result.runId,
    ...(result.traceId ? { traceId: result.traceId } : {}),
    ...(error ? { error } : {}),
  };
}

/** Throws AGENT_NOT_FOUND (listing the agents) before any case runs. */
export function checkAgentTarget(target: Extract<EvalTarget, { kind: "agent" }>, runtime: Runtime): void {
  runtime.agent(target.agent);
}
