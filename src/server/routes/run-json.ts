import type { JsonValue } from "../../core/index.js";
import type { BreakerTrip } from "../../guard/index.js";
import type { RunPause, StopReason, ToolCallRecord } from "../../runtime/index.js";
import type { RunRecord, RunStatus } from "../../store/index.js";

// The JSON the runs routes answer with, read from a stored run record and its serialised state. The
// dashboard, `gantry runs … --json` and docs/reference/http-api.md read exactly these shapes.
//
// The state is read field by field rather than trusted whole: it may come from an older or newer
// runtime (its shape is versioned by `schemaVersion`), and a listing must not fail on one odd row.

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
  /** The model or tier calls went to last (a `downgrade-tier` trip changes it). */
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
  /** Null while the run has no checkpoint yet. */
  state: RunStateSummaryJson | null;
  links: RunLinksJson;
}

type JsonObject = { [key: string]: JsonValue };

function asObject(value: JsonValue | null | undefined): JsonObject | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
}

function asArray(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}

function asNumber(value: JsonValue | undefined, fallback = 0): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

function asString(value: JsonValue | undefined): string | null {
  return typeof value === "string" ? value : null;
}

function errorOf(value: JsonValue | null | undefined): RunErrorJson | null {
  const object = asObject(value);
  if (object === undefined) return null;
  const code = asString(object.code) ?? "RUN_FAILED";
  const message = asString(object.message) ?? code;
  const hint = asString(object.hint);
  return hint === null ? { code, message } : { code, message, hint };
}

function pauseOf(value: JsonValue | undefined): RunPause | null {
  const object = asObject(value);
  if (object === undefined || typeof object.reason !== "string") return null;
  return {
    reason: object.reason as RunPause["reason"],
    message: asString(object.message) ?? "",
    details: asObject(object.details) ?? {},
    at: asString(object.at) ?? "",
  };
}

function toolCallOf(value: JsonValue): RunToolCallJson | undefined {
  const object = asObject(value);
  if (object === undefined || typeof object.toolName !== "string") return undefined;
  const error = asObject(object.error);
  return {
    toolCallId: asString(object.toolCallId) ?? "",
    toolName: object.toolName,
    step: asNumber(object.step),
    status: (asString(object.status) ?? "started") as ToolCallRecord["status"],
    attempts: asNumber(object.attempts, 1),
    input: object.input ?? null,
    output: object.output ?? null,
    error:
      error === undefined
        ? null
        : { code: asString(error.code) ?? "TOOL_FAILED", message: asString(error.message) ?? "" },
  };
}

function tripsOf(state: JsonObject): BreakerTrip[] {
  // Trips live in the breaker's snapshot, carried in the state so a resumed run keeps counting.
  return asArray(asObject(state.breaker)?.trips).flatMap((trip) => {
    const object = asObject(trip);
    return object !== undefined && typeof object.reason === "string"
      ? [object as unknown as BreakerTrip]
      : [];
  });
}

/** A run's state as the API summarises it; null when the run has no checkpoint yet. */
export function runStateSummaryJson(record: RunRecord): RunStateSummaryJson | null {
  const state = asObject(record.state);
  if (state === undefined) return null;
  return {
    schemaVersion: asNumber(state.schemaVersion, record.schemaVersion),
    model: asString(state.model),
    messages: asArray(state.messages).length,
    inputTokens: asNumber(state.inputTokens),
    outputTokens: asNumber(state.outputTokens),
    unpricedCalls: asNumber(state.unpricedCalls),
    toolsDisabled: state.toolsDisabled === true,
    elapsedMs: asNumber(state.elapsedMs),
    toolCalls: asArray(state.toolCalls).flatMap((call) => toolCallOf(call) ?? []),
    trips: tripsOf(state),
  };
}

/** Whether `POST /api/v1/runs/:id/resume` (or `gantry run --resume`) can continue a run in this status. */
export function isResumable(status: RunStatus): boolean {
  return status === "paused" || status === "running";
}

/** A run record as one row of a list. */
export function runSummaryJson(record: RunRecord): RunSummaryJson {
  const state = asObject(record.state) ?? {};
  return {
    runId: record.id,
    agent: record.agent,
    agentVersion: record.agentVersion,
    status: record.status,
    sessionId: record.sessionId,
    parentRunId: record.parentRunId,
    traceId: record.traceId ?? asString(state.traceId),
    costMicros: record.costMicros,
    steps: asNumber(state.steps),
    toolCalls: asArray(state.toolCalls).length,
    stopReason: asString(state.stopReason) as StopReason | null,
    pause: record.status === "paused" ? pauseOf(state.pause) : null,
    error: errorOf(record.error),
    resumable: isResumable(record.status),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
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
  const summary = runSummaryJson(record);
  return {
    run: { ...summary, input: record.input, output: record.output },
    state: runStateSummaryJson(record),
    links: runLinksJson(summary),
  };
}
