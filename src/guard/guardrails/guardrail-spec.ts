// The contract of content guardrails: probabilistic defence in depth, never the only control (policy,
// budgets and schemas are the hard ones). A guardrail looks at text at one point of a run and says
// what to do with it.

/** Where text is checked. */
export type GuardrailStage = "input" | "tool-output" | "output";

export type GuardrailOutcome =
  | { action: "allow" }
  /** Replace the text (e.g. PII swapped for `[EMAIL_1]` placeholders); `restore` reverses it in replies. */
  | { action: "redact"; text: string; findings: readonly GuardrailFinding[] }
  /** Refuse this text: the run gets the reason instead (a tool result, or the run's error). */
  | { action: "reject"; reason: string; findings: readonly GuardrailFinding[] }
  /** Ask the model again with the reason (outputs only). */
  | { action: "reask"; reason: string; findings: readonly GuardrailFinding[] }
  /** Stop the run with an error. */
  | { action: "throw"; reason: string; findings: readonly GuardrailFinding[] };

export interface GuardrailFinding {
  /** `pii.email`, `pii.phone`, `injection.ignore-instructions`… */
  kind: string;
  /** Where in the text (character offsets), when known. */
  start?: number;
  end?: number;
  /** 0..1: how sure the detector is. */
  score: number;
}

export interface Guardrail {
  readonly name: string;
  readonly stages: readonly GuardrailStage[];
  check(text: string, stage: GuardrailStage): GuardrailOutcome | Promise<GuardrailOutcome>;
}
