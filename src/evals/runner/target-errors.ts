import { GantryError } from "../../core/index.js";
import type { CaseOutput } from "../eval-spec.js";

// Which failures of a target say "could not tell" rather than "got it wrong": the provider or the
// budget ledger was unavailable, or the run paused. Those trials are inconclusive, not failed.

const unavailableCodes = new Set([
  "MODEL_CALL_FAILED",
  "MODEL_STREAM_INTERRUPTED",
  "MODEL_STREAM_EMPTY",
  "MODEL_UNAVAILABLE",
  "COOLING_DOWN",
  "ATTEMPT_TIMEOUT",
]);

/** True for codes of a provider, ledger or judge that could not answer. */
export function isUnavailableCode(code: string): boolean {
  return unavailableCodes.has(code) || code.endsWith("_UNAVAILABLE");
}

/** A thrown value as a case output's error: third-party failures and unavailable codes are inconclusive. */
export function targetError(error: unknown): NonNullable<CaseOutput["error"]> {
  if (GantryError.isInstance(error)) {
    return {
      code: error.code,
      message: error.message,
      unavailable: error.category === "THIRD_PARTY" || isUnavailableCode(error.code),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: "EVAL_TARGET_FAILED", message, unavailable: false };
}

/** The output of a trial whose target failed before it answered. */
export function failedOutput(error: unknown, latencyMs: number, traceId?: string): CaseOutput {
  return {
    output: null,
    text: "",
    toolCalls: [],
    costMicros: null,
    latencyMs,
    finishReason: "error",
    ...(traceId ? { traceId } : {}),
    error: targetError(error),
  };
}
