import type { Page } from "./page.js";
import type { SpanRecord } from "./span-record.js";

// Contract of the traces repository: per-trace summaries kept up to date as spans arrive, the trace
// listing the API and the CLI page through, sessions (traces grouped by session id) and retention.

/** `error` when any span of the trace has status `error`, else `ok`. */
export const traceStatuses = ["ok", "error"] as const;
export type TraceStatus = (typeof traceStatuses)[number];

/** One trace, summarised from all of its spans stored so far. */
export interface TraceSummary {
  traceId: string;
  projectId: string | null;
  /**
   * The earliest-starting span without a parent; while none has arrived, the earliest-starting span whose
   * parent was not stored with it (an orphan stands in for the root until the real root arrives).
   */
  rootSpanId: string;
  rootName: string;
  /** The agent of the earliest-starting span that names one: the agent the trace entered through. */
  agent: string | null;
  sessionId: string | null;
  /** Every distinct model of the trace's spans, sorted. */
  models: string[];
  /** Epoch milliseconds with fractions: the earliest span start. */
  startTimeMs: number;
  /** The latest span end; null while no span has ended. */
  endTimeMs: number | null;
  durationMs: number | null;
  spanCount: number;
  errorCount: number;
  /** Sum of the known span costs in integer micro-USD; null when no span had a cost (unknown, never 0). */
  costMicros: number | null;
  /** Sums of `gen_ai.usage.input_tokens` (cache reads included), `output_tokens` and `cache_read.input_tokens`. */
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  status: TraceStatus;
  /** Status message (else `error.type`) of the earliest-starting span with status `error`. */
  errorMessage: string | null;
  /** ISO-8601 time of the last span batch that changed this summary. */
  updatedAt: string;
}

export interface TraceQuery {
  projectId?: string;
  /** Matches the trace's `agent` (its entry agent). */
  agent?: string;
  status?: TraceStatus;
  /** Matches a trace with any span of this model. */
  model?: string;
  sessionId?: string;
  /** Traces that started at or after this epoch millisecond. */
  since?: number;
  /** Traces that started strictly before this epoch millisecond. */
  until?: number;
  /** 1..500, default 50. */
  limit?: number;
  /** `nextCursor` of the previous page; opaque. */
  cursor?: string | null;
}

/** The traces of one session id, aggregated. */
export interface SessionSummary {
  sessionId: string;
  traceCount: number;
  firstStartTimeMs: number;
  lastStartTimeMs: number;
  /** null when none of its traces had a known cost. */
  costMicros: number | null;
  inputTokens: number;
  outputTokens: number;
  /** Distinct entry agents of its traces, sorted. */
  agents: string[];
}

export interface SessionDetail {
  session: SessionSummary;
  /** Its traces, oldest first (a conversation reads forwards); at most `sessionTraceLimit`. */
  traces: TraceSummary[];
}

/** How many traces `getSession` returns; the totals always cover all of them. */
export const sessionTraceLimit = 1000;

export interface SessionQuery {
  projectId?: string;
  /** 1..500, default 50. */
  limit?: number;
  cursor?: string | null;
}

/** Spans, cost and tokens of one agent within a trace (spans without an agent form the `null` row). */
export interface AgentRollup {
  agent: string | null;
  spanCount: number;
  /** null when none of the agent's spans had a cost. */
  costMicros: number | null;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
}

/** What a retention pass removed. */
export interface RetentionResult {
  traces: number;
  spans: number;
}

/** A span with its depth in the trace tree (orphans and roots at 0). */
export interface SpanTreeEntry {
  span: SpanRecord;
  depth: number;
}

export interface TracesRepository {
  /** Trace summaries, most recently started first (then trace id descending), with a cursor. */
  listTraces(query?: TraceQuery): Promise<Page<TraceSummary>>;
  getTraceSummary(traceId: string): Promise<TraceSummary | undefined>;
  /** Sessions, the one with the most recently started trace first. */
  listSessions(query?: SessionQuery): Promise<Page<SessionSummary>>;
  getSession(sessionId: string): Promise<SessionDetail | undefined>;
  /** Per-agent spans, cost and tokens of one trace, largest cost first. */
  agentRollup(traceId: string): Promise<AgentRollup[]>;
  /**
   * Retention: deletes whole traces (spans and summary) whose last activity (end, else start) is before
   * `timeMs`, in chunks so writers are never blocked for long.
   */
  deleteOlderThan(timeMs: number): Promise<RetentionResult>;
}
