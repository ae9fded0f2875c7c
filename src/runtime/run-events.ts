import type { JsonValue } from "../core/index.js";
import type { BreakerTrip } from "../guard/index.js";
import type { RunStatus } from "../store/index.js";

// What a run reports as it goes, for `--stream`, SSE and the dashboard. Names are noun then action;
// every stream ends with exactly one `end` event.

export type RunEvent =
  | { type: "run-start"; runId: string; agent: string; resumed: boolean; traceId?: string }
  | { type: "step-start"; step: number; model: string }
  | { type: "text-delta"; step: number; delta: string }
  | { type: "tool-call-start"; step: number; toolCallId: string; toolName: string; input: JsonValue }
  | {
      type: "tool-call-end";
      step: number;
      toolCallId: string;
      toolName: string;
      output?: JsonValue;
      /** Set when the tool failed; the message went back to the model as the tool result. */
      error?: { code: string; message: string };
      /** True when the result came from the checkpoint of an earlier attempt (resume): nothing ran. */
      replayed?: boolean;
    }
  | {
      type: "step-end";
      step: number;
      finishReason: string;
      /** Model that answered. */
      model: string;
      inputTokens: number;
      outputTokens: number;
      /** Integer micro-USD; null when the model has no price. */
      costMicros: number | null;
    }
  | { type: "budget-reserved"; reservationId: string; amountMicros: number }
  | { type: "budget-settled"; reservationId: string; amountMicros: number }
  | { type: "breaker-trip"; trip: BreakerTrip }
  | { type: "run-pause"; reason: string; message: string; details: Record<string, JsonValue> }
  | { type: "run-finish"; status: RunStatus; output: JsonValue | null; costMicros: number }
  | { type: "end" };

export type RunEventType = RunEvent["type"];
