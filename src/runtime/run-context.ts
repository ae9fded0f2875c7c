import type { Span } from "@opentelemetry/api";
import type { Clock, JsonValue } from "../core/index.js";
import type { SessionBreaker } from "../guard/index.js";
import type { RunStatus } from "../store/index.js";
import type { AgentDefinition } from "./agent-definition.js";
import type { RunEvent } from "./run-events.js";
import type { RunPause, RunState, StopReason } from "./run-state.js";
import type { RunResult, RuntimeDeps } from "./runtime-spec.js";

// Everything one segment of a run (a start, or a resume) works with. The loop's helpers take it
// instead of long parameter lists; `outcome` is set exactly once, by the helper that stops the run.

export type RunOutcome =
  | { status: "completed"; output: JsonValue | null; stopReason: StopReason }
  | {
      status: "failed";
      error: { code: string; message: string; hint?: string };
      stopReason: StopReason;
      category?: string;
    }
  | { status: "paused"; pause: RunPause }
  | { status: "cancelled" };

export interface RunContext {
  readonly agent: AgentDefinition;
  readonly state: RunState;
  readonly deps: RuntimeDeps;
  readonly clock: Clock;
  /** The system prompt, resolved once per segment. */
  readonly instructions: string;
  /** The versioned prompt behind `instructions` (agents with `prompt`), put on every model call's span. */
  readonly prompt?: { id: string; version?: string; hash?: string; source?: string };
  readonly stream: boolean;
  /** Aborts on cancel and on the wall clock. */
  readonly signal: AbortSignal;
  /** Epoch ms this segment started, for the wall clock. */
  readonly segmentStartedAt: number;
  readonly breaker: SessionBreaker | undefined;
  /** The `invoke_agent` span, for trip events. */
  span: Span | undefined;
  emit(event: RunEvent): void;
  /** Saves the state (and status) to the store. */
  checkpoint(status?: RunStatus): Promise<void>;
  /** Runs a subagent as a child run of this one. */
  runSubagent(agent: AgentDefinition, input: string): Promise<RunResult>;
  outcome: RunOutcome | undefined;
}

/** Milliseconds of wall clock this run has used, over all its segments. */
export function elapsedMs(context: RunContext): number {
  return context.state.elapsedMs + (context.clock.now() - context.segmentStartedAt);
}
