// The contract of the session cost circuit breaker and the loop detectors. The runtime consults a
// SessionBreaker before each model call and tells it about each step, tool call, spend and handoff;
// a returned trip says what degradation to apply. Trips are data (recorded as span events by the
// runtime), never exceptions.

/** What an agent does once its breaker trips. */
export const degradations = [
  "downgrade-tier",
  "stop-tools-and-summarize",
  "return-partial",
  "escalate-to-human",
  "hard-stop",
] as const;
export type Degradation = (typeof degradations)[number];

export const tripReasons = [
  "cost-envelope",
  "spend-velocity",
  "iterations",
  "repeated-tool-call",
  "ping-pong",
] as const;
export type TripReason = (typeof tripReasons)[number];

/** closed: normal. open: tripped, degraded. half-open: one trial session runs normally after a cooldown. */
export type BreakerState = "closed" | "open" | "half-open";

/** Session cost percentiles of an agent, in micro-USD. */
export interface CostEnvelope {
  p50Micros: number;
  p95Micros: number;
  /** `declared` in the agent's limits, or `learned` from completed sessions in the store. */
  source: "declared" | "learned";
  /** Sessions the learned envelope was computed from. */
  samples?: number;
}

/** Per-agent breaker settings (every field optional in `defineAgent({ breaker })`). */
export interface BreakerSettings {
  /** Trip when session spend would pass `tripMultiplier x p95`. Default 3. */
  tripMultiplier: number;
  /** Declared envelope in USD; without it the envelope is learned from history. */
  envelope?: { p50Usd: number; p95Usd: number };
  /** Completed sessions needed before a learned envelope is trusted. Default 20. */
  minSamples: number;
  /** Most recent sessions the envelope is learned from. Default 200. */
  historySize: number;
  /** Trip when spend over the last minute passes this many USD. */
  maxUsdPerMinute?: number;
  /** Trip after this many model calls in one session. */
  maxIterations?: number;
  /** Trip when the same (tool, arguments) is called this many times in a row. Default 3. */
  repeatedCallLimit: number;
  /** Trip when two agents hand over to each other this many times back and forth. Default 3. */
  pingPongLimit: number;
  degradation: Degradation;
  /** Sessions that tripped within `cooldownMs` open the agent's breaker; after it, one trial runs half-open. */
  cooldownMs: number;
  /** Trips within the cooldown that open the agent's breaker. Default 3. */
  openAfterTrips: number;
}

export interface BreakerTrip {
  reason: TripReason;
  degradation: Degradation;
  /** One sentence for people: what crossed which line. */
  message: string;
  details: Record<string, string | number | boolean | null>;
  /** Epoch milliseconds. */
  at: number;
}

/** A session's breaker memory, stored in run state so a resumed run keeps counting. */
export interface SessionBreakerSnapshot {
  spentMicros: number;
  iterations: number;
  /** Recent (epoch ms, micros) spends for the velocity window. */
  recentSpend: Array<[number, number]>;
  /** Canonical `(tool, arguments)` keys of the latest calls, newest last. */
  recentToolCalls: string[];
  /** Agent names in handoff order, newest last. */
  handoffs: string[];
  trips: BreakerTrip[];
}

export interface SessionBreaker {
  readonly agent: string;
  readonly envelope: CostEnvelope | undefined;
  /** Before a model call: would spending up to `estimateMicros` more cross the envelope? */
  beforeModelCall(estimateMicros: number): BreakerTrip | undefined;
  /** After a model call settled; checks velocity and iterations. */
  recordModelCall(actualMicros: number): BreakerTrip | undefined;
  /** Before running a tool; checks the same call repeated. */
  recordToolCall(toolName: string, input: unknown): BreakerTrip | undefined;
  /** When one agent hands work to another (subagent or handoff); checks ping-pong. */
  recordHandoff(fromAgent: string, toAgent: string): BreakerTrip | undefined;
  /** Every trip so far, oldest first. */
  trips(): readonly BreakerTrip[];
  snapshot(): SessionBreakerSnapshot;
  /** Tells the agent's circuit how the session ended (closes a half-open circuit on success). */
  end(outcome: { tripped: boolean }): void;
}

export interface AgentBreakerStatus {
  agent: string;
  state: BreakerState;
  envelope: CostEnvelope | undefined;
  recentTrips: number;
  openedAt?: number;
}

export interface BreakerRegistry {
  /**
   * The breaker of one session of an agent. `spentMicros` is what the session already spent in
   * earlier runs; `snapshot` restores a resumed run. When the agent's circuit is open, the session
   * starts already tripped (its degradation applies from the first call).
   */
  openSession(options: {
    agent: string;
    settings?: Partial<BreakerSettings>;
    sessionId?: string;
    snapshot?: SessionBreakerSnapshot;
  }): Promise<SessionBreaker>;
  status(agent: string): AgentBreakerStatus;
}
