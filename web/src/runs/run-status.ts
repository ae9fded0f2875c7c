import type { RunStatus } from "../api/runs-api.js";

/** The badge tone of a run status: paused stands out as waiting for someone, failures in red. */
export type RunStatusTone = "good" | "warning" | "danger" | "neutral" | "accent";

const tones: Record<RunStatus, RunStatusTone> = {
  queued: "neutral",
  running: "accent",
  paused: "warning",
  completed: "good",
  failed: "danger",
  cancelled: "neutral",
};

/** The tone a status is drawn in. */
export function runStatusTone(status: RunStatus): RunStatusTone {
  return tones[status];
}

/** What a stop reason means, in words for the run page. */
export function describeStopReason(stopReason: string): string {
  switch (stopReason) {
    case "final-answer":
      return "The agent gave its final answer.";
    case "max-steps":
      return "The run reached its limit of model calls (limits.maxSteps).";
    case "max-tool-calls":
      return "The run reached its limit of tool calls (limits.maxToolCalls).";
    case "wall-clock":
      return "The run ran out of time (limits.wallClockMs).";
    case "breaker":
      return "The agent's circuit breaker stopped the run.";
    case "budget":
      return "A budget cap stopped the run.";
    case "error":
      return "The run failed with an error.";
    case "cancelled":
      return "The run was cancelled.";
    default:
      return stopReason;
  }
}
