import type { CaseOutput, ScoreResult, TrialResult } from "../../../src/evals/index.js";

// Trial results written by hand, for the parts of evals that only read them (compare, gate, reports).

export function output(overrides: Partial<CaseOutput> = {}): CaseOutput {
  return { output: "ok", text: "ok", toolCalls: [], costMicros: 100, latencyMs: 20, ...overrides };
}

export function passing(caseId: string, trial = 0, scores: ScoreResult[] = []): TrialResult {
  return {
    caseId,
    trial,
    output: output(),
    scores: scores.length > 0 ? scores : [{ scorer: "equals", value: 1, passed: true }],
    passed: true,
    inconclusive: false,
  };
}

export function failing(caseId: string, trial = 0, reason = "expected refund, got other"): TrialResult {
  return {
    caseId,
    trial,
    output: output({ output: "other", text: "other" }),
    scores: [{ scorer: "equals", value: 0, passed: false, reason }],
    passed: false,
    inconclusive: false,
  };
}

export function inconclusive(caseId: string, trial = 0): TrialResult {
  return {
    caseId,
    trial,
    output: output({
      output: null,
      text: "",
      costMicros: null,
      error: { code: "MODEL_CALL_FAILED", message: "All 5 attempts failed: 503", unavailable: true },
    }),
    scores: [],
    passed: false,
    inconclusive: true,
  };
}

/** `n` cases named `case-1…`, each built by `make`. */
export function cases(n: number, make: (caseId: string) => TrialResult): TrialResult[] {
  return Array.from({ length: n }, (_, index) => make(`case-${index + 1}`));
}
