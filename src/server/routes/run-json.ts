import type { JsonValue } from "../../core/index.js";
import type { BreakerTrip } from "../../guard/index.js";
import {
  loadRunState,
  type RunPause,
  type RunState,
  type StopReason,
  type ToolCallRecord,
} from "../../runtime/index.js";
import type { RunRecord, RunStatus } from "../../store/index.js";

// The JSON the runs routes answer with, read from a stored run record and its checkpointed state
// (loaded, and upgraded from older schemaVersions, by the runtime's loadRunState). The dashboard,
// `gantry runs … --json` and docs/reference/http-api.md read exactly these shapes.

/** A run's error as the API shows it. */
export interface RunErrorJson {
  code: string;
  message: string;
  hint?: string;
}

/** One run in a list: who, how it ended (or why it waits), what it cost, where its trace is. */
export interface RunSummaryJson {
  runId: string;
  agent: string;
  agentVersion: string | null;
  status: RunStatus;
  sessionId: string | null;
  parentRunId: string | null;
  traceId: string | null;
  /** Integer micro-USD settled so far. */
  costMicros: number;
  /** Model calls completed. */
  steps: number;
  toolCalls: number;
  stopReason: StopReason | null;
  pause: RunPause | null;
  error: RunErrorJson | null;
  /** `paused`, or `running` (continued after a crash): `POST /api/v1/runs/:id/resume` accepts it. */
  resumable: boolean;
  createdAt: string;
  updatedAt: string;
}

/** One tool call of a run, with its input and result. */
export interface RunToolCallJson {
  toolCallId: string;
  toolName: string;
  step: number;
  status: ToolCallRecord["status"];
  attempts: number;
  input: JsonValue;
  output: JsonValue | null;
  error: { code: string; message: string } | null;
}

/** What the checkpointed state says beyond the record. */
export interface RunStateSummaryJson {
  schemaVersion: number;
  /** The model or tier calls go to (a `downgrade-tier` trip changes it); null: the workspace default. */
  model: string | null;
  messages: number;
  inputTokens: number;
  outputTokens: number;
  /** Calls of an unpriced model: their cost is unknown, not 0. */
  unpricedCalls: number;
  toolsDisabled: boolean;
  elapsedMs: number;
  toolCalls: RunToolCallJson[];
  trips: BreakerTrip[];
}

export interface RunLinksJson {
  self: string;
  resume: string | null;
  trace: string | null;
  /** Dashboard paths. */
  dashboard: string;
  traceDashboard: string | null;
}

/** `GET /api/v1/runs/:id`: the record with its input and output, the state summary and links. */
export interface RunDetailJson {
  run: RunSummaryJson & { input: JsonValue; output: JsonValue | null };
  /** Null while the run has no checkpoint yet, or when its checkpoint cannot be read. */
  state: RunStateSummaryJson | null;
  links: RunLinksJson;
}

type JsonObject = { [key: string]: JsonValue };

function asObject(value: JsonValue | null | undefined): JsonObject | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
}

function asString(value: JsonValue | undefined): string | null {
  return typeof value === "string" ? value : null;
}

// The record's error column holds what the runtime wrote; read it without trusting its shape.
function errorOf(value: JsonValue | null | undefined): RunErrorJson | null {
  const object = asObject(value);
  if (object === undefined) return null;
  const code = asString(object.code) ?? "RUN_FAILED";
  const message = asString(object.message) ?? code;
  const hint = asString(object.hint);
  return hint === null ? { code, message } : { code, message, hint };
}

/**
 * The run's checkpoint, upgraded to the current schemaVersion by the runtime's loader; undefined when
 * there is none yet, or when it cannot be read (a newer Gantry wrote it): a listing must not fail on
 * one such row, it shows the record alone.
 */
function stateOf(record: RunRecord): RunState | undefined {
  if (record.state === null) return undefined;
  try {
    return loadRunState(record.id, record.state);
  } catch {
    return undefined;
  }
}

function toolCallJson(call: ToolCallRecord): RunToolCallJson {
  return {
    toolCallId: call.toolCallId,
    toolName: call.toolName,
    step: call.step,
    status: call.status,
    attempts: call.attempts,
    input: call.input,
    output: call.output ?? null,
    error: call.error ?? null,
  };
}

function stateSummaryJson(state: RunState): RunStateSummaryJson {
  return {
    schemaVersion: state.schemaVersion,
    model: state.model ?? null,
    messages: state.messages.length,
    inputTokens: state.inputTokens,
    outputTokens: state.outputTokens,
    unpricedCalls: state.unpricedCalls,
    toolsDisabled: state.toolsDisabled,
    elapsedMs: state.elapsedMs,
    toolCalls: state.toolCalls.map(toolCallJson),
    // Trips live in the breaker's snapshot, carried in the state so a resumed run keeps counting.
    trips: state.breaker?.trips ?? [],
  };
}

/** Whether `POST /api/v1/runs/:id/resume` (or `gantry run --resume`) can continue a run in this status. */
export function isResumable(status: RunStatus): boolean {
  return status === "paused" || status === "running";
}

function summaryJson(record: RunRecord, state: RunState | undefined): RunSummaryJson {
  return {
    runId: record.id,
    agent: record.agent,
    agentVersion: record.agentVersion,
    status: record.status,
    sessionId: record.sessionId,
    parentRunId: record.parentRunId,
    traceId: record.traceId ?? state?.traceId ?? null,
    costMicros: record.costMicros,
    steps: state?.steps ?? 0,
    toolCalls: state?.toolCalls.length ?? 0,
    stopReason: state?.stopReason ?? null,
    pause: record.status === "paused" ? (state?.pause ?? null) : null,
    error: errorOf(record.error),
    resumable: isResumable(record.status),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/** A run record as one row of a list. */
export function runSummaryJson(record: RunRecord): RunSummaryJson {
  return summaryJson(record, stateOf(record));
}

/** The API and dashboard addresses of a run and its trace. */
export function runLinksJson(summary: RunSummaryJson): RunLinksJson {
  const id = encodeURIComponent(summary.runId);
  const traceId = summary.traceId === null ? null : encodeURIComponent(summary.traceId);
  return {
    self: `/api/v1/runs/${id}`,
    resume: summary.resumable ? `/api/v1/runs/${id}/resume` : null,
    trace: traceId === null ? null : `/api/v1/traces/${traceId}`,
    dashboard: `/runs/${id}`,
    traceDashboard: traceId === null ? null : `/traces/${traceId}`,
  };
}

/** A run with its input, output, state summary and links. */
export function runDetailJson(record: RunRecord): RunDetailJson {
  const state = stateOf(record);
  const summary = summaryJson(record, state);
  return {
    run: { ...summary, input: record.input, output: record.output },
    state: state === undefined ? null : stateSummaryJson(state),
    links: runLinksJson(summary),
  };
}
