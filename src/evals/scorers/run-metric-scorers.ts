import { binary, type Check } from "./check-scorer.js";
import type { ScorerParams } from "./scorer-spec-schema.js";

// Checks on how the target ran rather than what it said: cost, latency and why it stopped.

const microsPerUsd = 1_000_000;

export function costCheck(spec: ScorerParams<"cost">): Check {
  const maxMicros = Math.round(spec.maxUsd * microsPerUsd);
  return ({ output }) => {
    // An unpriced model's cost is unknown, never 0: the limit cannot be shown to hold.
    if (output.costMicros === null)
      return binary(false, "cost unknown (the model has no price); price it or drop this scorer");
    const usd = output.costMicros / microsPerUsd;
    return binary(
      output.costMicros <= maxMicros,
      `cost ${usd} USD ${output.costMicros <= maxMicros ? "≤" : ">"} ${spec.maxUsd} USD`,
    );
  };
}

export function latencyCheck(spec: ScorerParams<"latency">): Check {
  return ({ output }) =>
    binary(
      output.latencyMs <= spec.maxMs,
      `latency ${output.latencyMs} ms ${output.latencyMs <= spec.maxMs ? "≤" : ">"} ${spec.maxMs} ms`,
    );
}

export function finishReasonCheck(spec: ScorerParams<"finish-reason">): Check {
  const allowed = spec.oneOf ?? [spec.equals!];
  return ({ output }) => {
    if (output.finishReason === undefined) return binary(false, "no finish reason was recorded");
    const passed = allowed.includes(output.finishReason);
    return binary(
      passed,
      `finished with ${output.finishReason}${passed ? "" : `; expected ${allowed.join(" or ")}`}`,
    );
  };
}
