/**
 * What a task is worth getting right, for choosing a tier: its reasoning class, what a wrong answer
 * costs, how much traffic it has and the service levels it must meet.
 */
export interface TaskProfile {
  /** `pattern` (extraction, classification), `compositional` (multi-step, tools), `reasoning`. */
  class: "pattern" | "compositional" | "reasoning";
  /** What one wrong answer costs the business, in USD (refunds, escalations, churn). */
  wrongAnswerCostUsd: number;
  /** Requests per day, for the daily cost estimate. */
  volumePerDay: number;
  /** The p95 latency a tier must stay within; none when omitted. */
  latencySloMs?: number;
  /** The least accuracy (0..1) a tier must reach. */
  qualitySlo: number;
}

export const taskClasses = ["pattern", "compositional", "reasoning"] as const;

/** Used for what a profile leaves out: no cost for wrong answers, no latency limit, 90% quality. */
export const defaultTaskProfile: TaskProfile = {
  class: "pattern",
  wrongAnswerCostUsd: 0,
  volumePerDay: 1000,
  qualitySlo: 0.9,
};
