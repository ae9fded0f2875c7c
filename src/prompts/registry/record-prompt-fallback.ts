import { type Span, trace } from "@opentelemetry/api";
import { gantryKeys, type Telemetry } from "../../telemetry/index.js";
import type { ServedPrompt } from "../registry-spec.js";

// A prompt served from anywhere but the registry (or its fresh cache) is a fallback someone must be
// able to see: an event on the active span, so the trace of the model call that used the old or
// bundled text says so and why.

/** The span event name and the keys of its own attributes (with `gantry.prompt.id/version/hash/source`). */
export const promptFallbackEvent = {
  name: "gantry.prompt.fallback",
  reasonKey: "gantry.prompt.fallback.reason",
  errorKey: "gantry.prompt.fallback.error",
} as const;

/**
 * Adds the fallback event to the active span. Outside any span, with `telemetry` given, a short span
 * of its own carries it, so a fallback at start-up is not invisible.
 */
export function recordPromptFallback(
  served: ServedPrompt,
  error: string,
  telemetry?: Pick<Telemetry, "tracer">,
): void {
  const attributes = {
    [gantryKeys.promptId]: served.id,
    [gantryKeys.promptVersion]: served.version,
    [gantryKeys.promptHash]: served.hash,
    [gantryKeys.promptSource]: served.servedFrom,
    [promptFallbackEvent.reasonKey]: served.fallbackReason ?? "unreachable",
    [promptFallbackEvent.errorKey]: error,
  };
  const active: Span | undefined = trace.getActiveSpan();
  if (active?.isRecording()) {
    active.addEvent(promptFallbackEvent.name, attributes);
    return;
  }
  if (!telemetry) return;
  const own = telemetry.tracer.startSpan(`prompt_fallback ${served.id}`);
  own.addEvent(promptFallbackEvent.name, attributes);
  own.end();
}
