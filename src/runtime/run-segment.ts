import { context as otelContext } from "@opentelemetry/api";
import type { Clock, JsonValue } from "../core/index.js";
import type { SessionBreaker } from "../guard/index.js";
import type { RunStatus } from "../store/index.js";
import {
  extractTraceCarrier,
  gantryEvents,
  injectTraceCarrier,
  promptAttributes,
} from "../telemetry/index.js";
import type { AgentDefinition } from "./agent-definition.js";
import { applyTrip } from "./apply-trip.js";
import type { EventChannel } from "./event-channel.js";
import { guardrailTripped, guardText, redactForModel } from "./guard-content.js";
import { modelStep } from "./model-step.js";
import type { RunContext, RunOutcome } from "./run-context.js";
import type { RunEvent } from "./run-events.js";
import { failRun } from "./run-outcomes.js";
import type { RunState } from "./run-state.js";
import type { ResolvedPrompt, RunResult, RuntimeDeps } from "./runtime-spec.js";
import { toolStep } from "./tool-step.js";

// One segment of a run: from a start or a resume until it finishes, pauses or is interrupted. It
// resolves the instructions, opens the session breaker, runs the loop (tool calls, then a model
// call, until an outcome) inside an `invoke_agent` span, and writes the final checkpoint.

export interface SegmentInput {
  agent: AgentDefinition;
  state: RunState;
  deps: RuntimeDeps;
  clock: Clock;
  stream: boolean;
  resumed: boolean;
  signal?: AbortSignal;
  channel: EventChannel<RunEvent>;
  runSubagent: (parent: RunContext, agent: AgentDefinition, input: string) => Promise<RunResult>;
}

function statusOf(outcome: RunOutcome | undefined): RunStatus {
  return outcome?.status ?? "running";
}

function recordFields(state: RunState, outcome: RunOutcome | undefined) {
  return {
    status: statusOf(outcome),
    state: state as unknown as JsonValue,
    costMicros: state.costMicros,
    ...(state.traceId ? { traceId: state.traceId } : {}),
    ...(outcome?.status === "completed" ? { output: outcome.output } : {}),
    ...(outcome?.status === "failed"
      ? { error: { ...outcome.error, ...(outcome.category ? { category: outcome.category } : {}) } }
      : {}),
  };
}

async function openBreaker(input: SegmentInput): Promise<SessionBreaker | undefined> {
  const { deps, agent, state } = input;
  if (!deps.breakers) return undefined;
  return deps.breakers.openSession({
    agent: agent.name,
    settings: agent.breaker,
    ...(state.sessionId ? { sessionId: state.sessionId } : {}),
    ...(state.breaker ? { snapshot: state.breaker } : {}),
  });
}

async function instructionsOf(input: SegmentInput): Promise<Omit<ResolvedPrompt, "id"> & { id?: string }> {
  const { agent, deps, state } = input;
  if (agent.instructions !== undefined) return { text: agent.instructions };
  if (!agent.prompt) return { text: "" };
  if (!deps.resolvePrompt)
    throw new Error(
      `Agent "${agent.name}" uses prompt "${agent.prompt.id}" but no prompt resolver is configured`,
    );
  // A resumed run renders the version it started on, whatever the label points to now.
  const pinned = state.prompt?.id === agent.prompt.id ? { version: state.prompt.version } : {};
  const resolved = await deps.resolvePrompt({ ...agent.prompt, ...pinned });
  if (resolved.version && resolved.hash)
    state.prompt = { id: resolved.id, version: resolved.version, hash: resolved.hash };
  return resolved;
}

function toResult(
  state: RunState,
  outcome: RunOutcome | undefined,
  breaker: SessionBreaker | undefined,
): RunResult {
  const status = statusOf(outcome);
  return {
    runId: state.runId,
    agent: state.agent.name,
    status,
    output: outcome?.status === "completed" ? outcome.output : null,
    ...(state.stopReason ? { stopReason: state.stopReason } : {}),
    ...(outcome?.status === "paused" ? { pause: outcome.pause } : {}),
    ...(outcome?.status === "failed" ? { error: outcome.error } : {}),
    costMicros: state.costMicros,
    steps: state.steps,
    toolCalls: state.toolCalls.length,
    trips: breaker?.trips() ?? state.breaker?.trips ?? [],
    ...(state.traceId ? { traceId: state.traceId } : {}),
  };
}

async function loop(context: RunContext): Promise<void> {
  while (!context.outcome) {
    if (context.signal.aborted) {
      context.outcome = { status: "cancelled" };
      context.state.stopReason = "cancelled";
      return;
    }
    await toolStep(context);
    if (context.outcome) return;
    await modelStep(context);
  }
}

/** The user's input passes the agent's guardrails and, with PII redaction, reaches the model redacted. */
async function guardInput(context: RunContext): Promise<void> {
  const first = context.state.messages[0];
  if (first?.role !== "user") return;
  for (const part of first.content) {
    const guarded = await guardText(context, part.text, "input");
    if (!guarded.ok) {
      failRun(context, guardrailTripped(context.agent.name, "input", guarded.reason));
      return;
    }
    part.text = redactForModel(context, guarded.text) as string;
  }
}

/** Runs a segment to its outcome; never throws (failures become a failed run). */
export async function runSegment(input: SegmentInput): Promise<RunResult> {
  const { agent, state, deps, clock, channel } = input;
  const segmentStartedAt = clock.now();
  const wallClock = new AbortController();
  const remaining = Math.max(0, agent.limits.wallClockMs - state.elapsedMs);
  const timer = setTimeout(() => wallClock.abort(new Error("wall clock")), remaining);
  const signal = input.signal ? AbortSignal.any([input.signal, wallClock.signal]) : wallClock.signal;
  let writes: Promise<void> = Promise.resolve();
  let breaker: SessionBreaker | undefined;
  const context: RunContext = {
    agent,
    state,
    deps,
    clock,
    instructions: "",
    stream: input.stream,
    signal,
    segmentStartedAt,
    breaker: undefined,
    span: undefined,
    outcome: undefined,
    emit: (event) => channel.push(event),
    // Checkpoints are chained: concurrent tool results must land in the order they were taken.
    checkpoint: (status) => {
      const fields = { ...recordFields(state, context.outcome), ...(status ? { status } : {}) };
      writes = writes.then(() => deps.store.runs.save(state.runId, fields)).then(() => undefined);
      return writes;
    },
    runSubagent: (agentDefinition, text) => input.runSubagent(context, agentDefinition, text),
  };

  const body = async () => {
    try {
      const { text, ...prompt } = await instructionsOf(input);
      (context as { instructions: string }).instructions = text;
      if (prompt.id !== undefined) {
        const reference = { ...prompt, id: prompt.id };
        (context as { prompt?: typeof reference }).prompt = reference;
        context.span?.setAttributes(promptAttributes(reference));
      }
      breaker = await openBreaker(input);
      (context as { breaker: SessionBreaker | undefined }).breaker = breaker;
      const restoredTrips = state.breaker?.trips.length ?? 0;
      const openingTrip = breaker?.trips()[restoredTrips];
      if (openingTrip) applyTrip(context, openingTrip);
      if (!input.resumed) await guardInput(context);
      if (context.outcome) return;
      state.pause = undefined;
      // A fresh run was inserted as running a moment ago; only a resume has a status to change.
      if (input.resumed) await context.checkpoint("running");
      channel.push({
        type: "run-start",
        runId: state.runId,
        agent: agent.name,
        resumed: input.resumed,
        ...(state.traceId ? { traceId: state.traceId } : {}),
      });
      await loop(context);
    } catch (error) {
      failRun(context, error);
    }
  };

  const telemetry = deps.telemetry;
  if (telemetry) {
    const parent = state.traceParent ? extractTraceCarrier(state.traceParent) : otelContext.active();
    await telemetry.startAgentSpan(
      {
        name: agent.name,
        id: state.runId,
        version: agent.version,
        ...(state.sessionId ? { sessionId: state.sessionId } : {}),
      },
      async (span) => {
        context.span = span;
        state.traceId ??= span.spanContext().traceId;
        state.traceParent ??= injectTraceCarrier();
        await body();
        if (context.outcome?.status === "paused") {
          span.addEvent(gantryEvents.runPause, {
            [gantryEvents.pauseReasonKey]: context.outcome.pause.reason,
          });
        }
        if (context.outcome?.status === "failed")
          span.setStatus({ code: 2, message: context.outcome.error.message });
      },
      { parent, signal },
    );
  } else {
    await body();
  }
  clearTimeout(timer);
  state.elapsedMs += clock.now() - segmentStartedAt;
  context.outcome ??= { status: "cancelled" };
  try {
    await context.checkpoint();
  } catch (error) {
    if (context.outcome.status !== "failed") failRun(context, error);
  }
  breaker?.end({ tripped: (breaker.trips().length ?? 0) > 0 });
  const result = toResult(state, context.outcome, breaker);
  if (result.pause)
    channel.push({
      type: "run-pause",
      reason: result.pause.reason,
      message: result.pause.message,
      details: result.pause.details,
    });
  else
    channel.push({
      type: "run-finish",
      status: result.status,
      output: result.output,
      costMicros: result.costMicros,
    });
  channel.push({ type: "end" });
  channel.close();
  return result;
}
