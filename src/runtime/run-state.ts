import type { JsonValue } from "../core/index.js";
import type { SessionBreakerSnapshot } from "../guard/index.js";

// A run's whole state, serialisable as JSON and checkpointed in the store after every model call and
// every tool result. `schemaVersion` names the shape; `loadRunState` upgrades every earlier version
// (fixtures of each live in test/runtime/fixtures/run-state/).

export const runStateSchemaVersion = 1;

/** A message of the conversation, in the AI SDK's LanguageModelV3 prompt shape (JSON-safe). */
export type StoredMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: Array<{ type: "text"; text: string }> }
  | {
      role: "assistant";
      content: Array<
        | { type: "text"; text: string }
        | { type: "reasoning"; text: string }
        | { type: "tool-call"; toolCallId: string; toolName: string; input: JsonValue }
      >;
    }
  | {
      role: "tool";
      content: Array<{
        type: "tool-result";
        toolCallId: string;
        toolName: string;
        output: { type: "json"; value: JsonValue } | { type: "error-text"; value: string };
      }>;
    };

/** One tool call's life: started (side effect may have happened) then completed with its result. */
export interface ToolCallRecord {
  toolCallId: string;
  toolName: string;
  input: JsonValue;
  idempotencyKey: string;
  step: number;
  /** Times `execute` was entered (a resume re-enters a call that started but never recorded a result). */
  attempts: number;
  status: "started" | "completed" | "failed";
  output?: JsonValue;
  error?: { code: string; message: string };
  /** What the policy point decided for this call, when one is configured. */
  decision?: { effect: string; policies: string[]; reason?: string; invariant?: string };
}

export type StopReason =
  | "final-answer"
  | "max-steps"
  | "max-tool-calls"
  | "wall-clock"
  | "breaker"
  | "budget"
  | "error"
  | "cancelled";

/** Why a run is paused, and what resumes it. */
export interface RunPause {
  reason: "budget" | "breaker" | "approval" | "ledger-unavailable";
  message: string;
  details: Record<string, JsonValue>;
  at: string;
}

export interface RunStateV1 {
  schemaVersion: 1;
  runId: string;
  agent: { name: string; version: string };
  /** The prompt version the run started on (agents with `prompt`): a resume renders the same one. */
  prompt?: { id: string; version: string; hash: string };
  /** The model (id or tier) calls go to, when the agent names one (else the workspace default); a `downgrade-tier` trip changes it. */
  model?: string;
  input: JsonValue;
  sessionId?: string;
  parentRunIds: string[];
  /** Agents that delegated to this run, outermost first (a subagent's callers). */
  delegation?: string[];
  apiKeyId?: string;
  projectId: string;
  messages: StoredMessage[];
  /** Model calls completed. */
  steps: number;
  /** Tool calls by id, in the order the model made them. */
  toolCalls: ToolCallRecord[];
  /** Integer micro-USD settled for this run, including its subagents. */
  costMicros: number;
  /** The dearest single model call so far, in micro-USD: the breaker's bound for the next one. */
  largestCallMicros?: number;
  /** Calls whose cost was unknown (unpriced model): counted, never priced as 0. */
  unpricedCalls: number;
  inputTokens: number;
  outputTokens: number;
  /** Re-asks spent on structured output repair. */
  repairs: number;
  /** Tools are no longer offered (the `stop-tools-and-summarize` degradation). */
  toolsDisabled: boolean;
  breaker?: SessionBreakerSnapshot;
  /** The PII vault (placeholders and their values) when the agent redacts PII. Holds originals: treat as sensitive. */
  piiVault?: JsonValue;
  pause?: RunPause;
  stopReason?: StopReason;
  output?: JsonValue;
  /** Wall-clock milliseconds used by earlier attempts of this run (a resume continues the clock). */
  elapsedMs: number;
  traceId?: string;
  /** W3C trace context of the run's first agent span: a resumed run continues the same trace. */
  traceParent?: Record<string, string>;
  startedAt: string;
}

export type RunState = RunStateV1;
