import type { JsonValue } from "../../core/index.js";
import { loadRunState, type RunState } from "../../runtime/index.js";
import type { RunRecord } from "../../store/index.js";
import type { CaseOutput, EvalCase } from "../eval-spec.js";

// A finished production run seen as an eval trial: the case is what the user sent, the output is what
// the agent answered, with its tool calls, cost, latency and stop reason read from the run's state.

function readState(run: RunRecord): RunState | undefined {
  if (run.state === null) return undefined;
  try {
    return loadRunState(run.id, run.state);
  } catch {
    // A state this Gantry cannot read still leaves the run's output, cost and times to score.
    return undefined;
  }
}

function answerText(output: JsonValue): string {
  if (output === null) return "";
  return typeof output === "string" ? output : JSON.stringify(output);
}

function runError(run: RunRecord): CaseOutput["error"] {
  if (run.status !== "failed") return undefined;
  const error = run.error;
  const fields = error !== null && typeof error === "object" && !Array.isArray(error) ? error : {};
  return {
    code: typeof fields.code === "string" ? fields.code : "RUN_FAILED",
    message: typeof fields.message === "string" ? fields.message : "the run failed",
    unavailable: false,
  };
}

/** The case (`prod_replay`, id = run id) and the output a production run gives online scorers. */
export function productionCase(run: RunRecord, traceId: string): { testCase: EvalCase; output: CaseOutput } {
  const state = readState(run);
  const output = run.output ?? state?.output ?? null;
  // A run that called an unpriced model has an unknown cost, never a partial sum passed off as known.
  const costMicros =
    state !== undefined && state.unpricedCalls > 0 ? null : (state?.costMicros ?? run.costMicros);
  const caseOutput: CaseOutput = {
    output,
    text: answerText(output),
    toolCalls: (state?.toolCalls ?? []).map((call) => ({ name: call.toolName, args: call.input })),
    costMicros,
    latencyMs: state?.elapsedMs ?? Math.max(0, Date.parse(run.updatedAt) - Date.parse(run.createdAt)),
    finishReason: state?.stopReason ?? (run.status === "failed" ? "error" : undefined),
    traceId,
    runId: run.id,
  };
  const error = runError(run);
  if (error !== undefined) caseOutput.error = error;
  return {
    testCase: { id: run.id, input: run.input, tags: [], source: "prod_replay", traceId },
    output: caseOutput,
  };
}
