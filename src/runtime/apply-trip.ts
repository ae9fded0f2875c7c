import { type BreakerTrip, breakerTripped } from "../guard/index.js";
import { gantryEvents } from "../telemetry/index.js";
import { closePendingToolCalls } from "./pending-tool-calls.js";
import type { RunContext } from "./run-context.js";
import { completeRun, failRun, lastAssistantText, pauseRun } from "./run-outcomes.js";

// What an agent does once its breaker trips: the degradation named in its breaker settings. A trip
// is recorded (event, span event, state) and applied once; the breaker stays tripped for the session.

export const summarizeInstruction =
  "Stop here: a spending or loop limit was reached. Do not call any more tools. Summarise for the user what you found and did so far, and what is still open.";

/** Whether the run goes on after the trip (possibly degraded) or has stopped. */
export type TripEffect = "continue" | "stopped";

function record(context: RunContext, trip: BreakerTrip): void {
  context.emit({ type: "breaker-trip", trip });
  context.span?.addEvent(gantryEvents.breakerTrip, {
    [gantryEvents.breakerReasonKey]: trip.reason,
    [gantryEvents.breakerDegradationKey]: trip.degradation,
    [gantryEvents.breakerMessageKey]: trip.message,
  });
  if (context.breaker) context.state.breaker = context.breaker.snapshot();
}

function stopToolsAndSummarize(context: RunContext): TripEffect {
  context.state.toolsDisabled = true;
  closePendingToolCalls(context.state, "Not run: tools were stopped by the circuit breaker.");
  context.state.messages.push({ role: "user", content: [{ type: "text", text: summarizeInstruction }] });
  return "continue";
}

/** Records a trip and applies the agent's degradation. */
export function applyTrip(context: RunContext, trip: BreakerTrip): TripEffect {
  record(context, trip);
  switch (trip.degradation) {
    case "downgrade-tier": {
      const cheaper = context.deps.cheaperTier?.(context.state.model ?? "");
      if (cheaper === undefined) return stopToolsAndSummarize(context);
      context.state.model = cheaper;
      return "continue";
    }
    case "stop-tools-and-summarize":
      return stopToolsAndSummarize(context);
    case "return-partial":
      completeRun(context, lastAssistantText(context), "breaker");
      return "stopped";
    case "escalate-to-human":
      pauseRun(context, "breaker", `Circuit breaker tripped (${trip.reason}): ${trip.message}`, {
        reason: trip.reason,
        ...trip.details,
      });
      return "stopped";
    case "hard-stop":
      failRun(context, breakerTripped(context.agent.name, trip), "breaker");
      return "stopped";
  }
}
