import { GantryError, isoNow, type JsonValue } from "../core/index.js";
import type { RunContext } from "./run-context.js";
import type { RunPause, StopReason } from "./run-state.js";

// The ways a run stops. Each records the outcome on the context and in the state; the loop sees
// `context.outcome` and returns, and the segment writes the final checkpoint and events.

/** The run gave its answer (or a degradation ended it with what there was). */
export function completeRun(context: RunContext, output: JsonValue | null, stopReason: StopReason): void {
  context.state.output = output ?? undefined;
  context.state.stopReason = stopReason;
  context.outcome = { status: "completed", output, stopReason };
}

/** The run cannot go on. */
export function failRun(context: RunContext, error: unknown, stopReason: StopReason = "error"): void {
  const gantry = GantryError.isInstance(error) ? error : undefined;
  const message = error instanceof Error ? error.message : String(error);
  context.state.stopReason = stopReason;
  context.outcome = {
    status: "failed",
    error: {
      code: gantry?.code ?? "RUN_FAILED",
      message,
      ...(gantry?.hint ? { hint: gantry.hint } : {}),
    },
    stopReason,
    ...(gantry ? { category: gantry.category } : {}),
  };
}

/** The run waits for something outside it (a raised cap, a person); resume continues it. */
export function pauseRun(
  context: RunContext,
  reason: RunPause["reason"],
  message: string,
  details: Record<string, JsonValue> = {},
): void {
  const pause: RunPause = { reason, message, details, at: isoNow(context.clock) };
  context.state.pause = pause;
  context.outcome = { status: "paused", pause };
}

/** The last text the model wrote, for answers cut short. */
export function lastAssistantText(context: RunContext): string | null {
  for (let index = context.state.messages.length - 1; index >= 0; index--) {
    const message = context.state.messages[index];
    if (message?.role !== "assistant") continue;
    const text = message.content
      .filter((part) => part.type === "text")
      .map((part) => part.text)
      .join("");
    if (text.trim() !== "") return text;
  }
  return null;
}
