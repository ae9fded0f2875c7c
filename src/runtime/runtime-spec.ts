import type { BudgetLimitConfig, Clock, JsonValue } from "../core/index.js";
import type {
  Approvals,
  BreakerRegistry,
  BreakerTrip,
  BudgetGuard,
  PolicyDecisionPoint,
} from "../guard/index.js";
import type { ModelClient, ModelRequest } from "../models/index.js";
import type { RunStatus, Store } from "../store/index.js";
import type { Telemetry } from "../telemetry/index.js";
import type { AgentDefinition, PromptReference } from "./agent-definition.js";
import type { RunEvent } from "./run-events.js";
import type { RunPause, RunState, StopReason } from "./run-state.js";

// The contract of the runtime: what it needs (RuntimeDeps), how a run is started or resumed, and
// what comes back. The CLI, the HTTP API, evals and orchestration program against this file.

/** A prompt file rendered for an agent; `hash` is recorded on spans so a change is traceable. */
export interface ResolvedPrompt {
  text: string;
  id: string;
  version?: string;
  hash?: string;
  /** Where it came from (`registry`, `cache`, `stale-cache`, `bundled`); recorded as `gantry.prompt.source`. */
  source?: string;
}

export interface RuntimeDeps {
  models: ModelClient;
  /** Runs and their checkpoints live here. */
  store: Pick<Store, "runs">;
  telemetry?: Telemetry;
  /** Without it nothing is capped. */
  budgets?: BudgetGuard;
  /** The configured limits, so a budget pause names the `budgets.limits[i]` entry to raise. */
  budgetLimits?: readonly BudgetLimitConfig[];
  /** Without it no breaker or loop detector runs. */
  breakers?: BreakerRegistry;
  /**
   * The most a call can cost in micro-USD (prompt tokens + max output tokens at the dearest candidate's
   * price); null when a candidate is unpriced. Needed when `budgets` has limits.
   */
  estimateCost?: (request: ModelRequest) => Promise<number | null> | number | null;
  /** Turns a prompt reference into text (the prompts module); required by agents that use `prompt`. */
  resolvePrompt?: (reference: PromptReference) => Promise<ResolvedPrompt>;
  /** The tier a `downgrade-tier` trip moves to, given the current model or tier; undefined: none cheaper. */
  cheaperTier?: (model: string) => string | undefined;
  /** Decides every tool call and model call (default deny). Without it every call is allowed (library use only). */
  policy?: PolicyDecisionPoint;
  /** Where `require_approval` decisions wait for a person; without it they are refused. */
  approvals?: Approvals;
  /** Where decisions and executions are recorded (append-only, hash-chained). */
  audit?: Pick<Store["audit"], "append">;
  /** `development` (default), `production`…: policies may decide by it. */
  environment?: string;
  /** Signs the per-call tool credentials; without it tools get none. */
  signingSecret?: Uint8Array;
  /** Output tokens reserved when the agent names none. Default 4096. */
  defaultMaxOutputTokens?: number;
  projectId?: string;
  clock?: Clock;
}

export interface RunOptions {
  /** A string becomes the user message; other JSON is sent as its JSON text. */
  input: JsonValue;
  sessionId?: string;
  apiKeyId?: string;
  /** Use the model's streaming API (text arrives as `text-delta` events). Same end state and cost. */
  stream?: boolean;
  /** Stops the run as `cancelled` at the next safe point. */
  signal?: AbortSignal;
  /** Set by the runtime for subagents; rolls spend up to these runs. */
  parentRunIds?: readonly string[];
}

export interface RunResult {
  runId: string;
  agent: string;
  status: RunStatus;
  /** The final answer: parsed JSON for agents with an output schema, text otherwise; null until there is one. */
  output: JsonValue | null;
  stopReason?: StopReason;
  pause?: RunPause;
  error?: { code: string; message: string; hint?: string };
  costMicros: number;
  steps: number;
  toolCalls: number;
  trips: readonly BreakerTrip[];
  traceId?: string;
}

/** A run in progress: its events as they happen and its result when it stops (finished or paused). */
export interface RunHandle {
  readonly runId: string;
  /** Every event, ending with `end`; iterate once. Buffered, so a late reader misses nothing. */
  readonly events: AsyncIterable<RunEvent>;
  readonly result: Promise<RunResult>;
}

export interface Runtime {
  readonly agents: readonly AgentDefinition[];
  /** Throws AGENT_NOT_FOUND listing the agents there are. */
  agent(name: string): AgentDefinition;
  /** Creates the run record, then runs it. `runId` is known at once. */
  start(agentName: string, options: RunOptions): Promise<RunHandle>;
  /** Start and wait. */
  run(agentName: string, options: RunOptions): Promise<RunResult>;
  /**
   * Continues a paused or interrupted (`running` after a crash) run from its last checkpoint. Throws
   * RUN_NOT_RESUMABLE for a completed, failed or cancelled run.
   */
  resume(runId: string, options?: Pick<RunOptions, "stream" | "signal">): Promise<RunHandle>;
}

export type { RunState };
