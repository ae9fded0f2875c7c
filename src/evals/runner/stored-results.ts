import type { JsonValue } from "../../core/index.js";
import type { NewEvalResult, StoredEvalResult } from "../../store/index.js";
import type { CaseOutput, ScoreResult, TrialResult } from "../eval-spec.js";

// Trial results as the store keeps them: the output and scores as JSON (undefined members dropped),
// with cost, latency and trace id in their own columns for queries.

function json(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

export function toStoredResult(runId: string, result: TrialResult): NewEvalResult {
  return {
    runId,
    caseId: result.caseId,
    trial: result.trial,
    passed: result.passed,
    inconclusive: result.inconclusive,
    output: json(result.output),
    scores: json(result.scores),
    costMicros: result.output.costMicros,
    latencyMs: result.output.latencyMs,
    traceId: result.output.traceId ?? null,
  };
}

export function fromStoredResult(stored: StoredEvalResult): TrialResult {
  const output = (stored.output ?? {}) as unknown as Partial<CaseOutput>;
  return {
    caseId: stored.caseId,
    trial: stored.trial,
    output: {
      output: output.output ?? null,
      text: output.text ?? "",
      toolCalls: output.toolCalls ?? [],
      costMicros: stored.costMicros,
      latencyMs: stored.latencyMs ?? 0,
      ...(output.finishReason ? { finishReason: output.finishReason } : {}),
      ...(stored.traceId ? { traceId: stored.traceId } : {}),
      ...(output.runId ? { runId: output.runId } : {}),
      ...(output.error ? { error: output.error } : {}),
    },
    scores: Array.isArray(stored.scores) ? (stored.scores as unknown as ScoreResult[]) : [],
    passed: stored.passed,
    inconclusive: stored.inconclusive,
  };
}
