import type { JsonValue } from "../core/index.js";
import { mintToolCredential } from "../guard/index.js";
import type { AgentDefinition } from "./agent-definition.js";
import { applyTrip } from "./apply-trip.js";
import { auditToolResult, gateToolCalls } from "./enforce-tool-calls.js";
import { executeTool, type ToolOutcome } from "./execute-tool.js";
import { guardrailTripped, guardToolOutput, restoreFromModel } from "./guard-content.js";
import { subagentInputSchema } from "./model-tools.js";
import {
  answerToolCall,
  closePendingToolCalls,
  type PendingToolCall,
  pendingToolCalls,
} from "./pending-tool-calls.js";
import { principalChain } from "./principal-chain.js";
import type { RunContext } from "./run-context.js";
import { failRun, pauseRun } from "./run-outcomes.js";
import type { ToolCallRecord } from "./run-state.js";

// The tool calls of one step. Each call is marked `started` in a checkpoint before it runs and
// `completed` with its result in a checkpoint after, so a resumed run replays recorded results and
// re-enters only calls that never recorded one, with the same idempotency key. Calls of a step run
// at most `toolConcurrency` at a time; the breaker sees each call before it runs.

function recordFor(context: RunContext, call: PendingToolCall, step: number): ToolCallRecord {
  const existing = context.state.toolCalls.find((record) => record.toolCallId === call.toolCallId);
  if (existing) return existing;
  const record: ToolCallRecord = {
    toolCallId: call.toolCallId,
    toolName: call.toolName,
    input: call.input,
    idempotencyKey: `${context.state.runId}:${call.toolCallId}`,
    step,
    attempts: 0,
    status: "started",
  };
  context.state.toolCalls.push(record);
  return record;
}

function subagentCall(
  context: RunContext,
  call: PendingToolCall,
  subagent: AgentDefinition,
): () => Promise<ToolOutcome> {
  return async () => {
    const { agent, state } = context;
    const input = subagentInputSchema.safeParse(call.input);
    if (!input.success) {
      return {
        kind: "error",
        error: {
          code: "TOOL_INPUT_INVALID",
          message: `Call ${subagent.name} with { "input": "<what to ask>" }`,
        },
      };
    }
    const trip = context.breaker?.recordHandoff(agent.name, subagent.name);
    if (trip && applyTrip(context, trip) === "stopped") {
      return { kind: "error", error: { code: "BREAKER_TRIPPED", message: trip.message } };
    }
    const child = await context.runSubagent(subagent, input.data.input);
    state.costMicros += child.costMicros;
    if (child.status === "completed") return { kind: "ok", output: child.output };
    const why = child.error?.message ?? child.pause?.message ?? "";
    return {
      kind: "error",
      error: {
        code: child.error?.code ?? "SUBAGENT_NOT_COMPLETED",
        message: `${subagent.name} ${child.status}: ${why}`,
      },
    };
  };
}

function toolCall(
  context: RunContext,
  call: PendingToolCall,
  record: ToolCallRecord,
): (() => Promise<ToolOutcome>) | ToolOutcome {
  const { agent, state } = context;
  const subagent = agent.subagents.find((candidate) => candidate.name === call.toolName);
  if (subagent) return subagentCall(context, call, subagent);
  const tool = agent.tools.find((candidate) => candidate.name === call.toolName);
  if (!tool) {
    const names = [...agent.tools.map((known) => known.name), ...agent.subagents.map((known) => known.name)];
    return {
      kind: "error",
      error: {
        code: "TOOL_NOT_FOUND",
        message: `There is no tool named ${call.toolName}; the tools are: ${names.join(", ")}`,
      },
    };
  }
  const secret = context.deps.signingSecret;
  const credential = secret
    ? mintToolCredential({
        secret,
        tool: tool.name,
        args: call.input,
        runId: state.runId,
        toolCallId: call.toolCallId,
        principal: principalChain(context),
        clock: context.clock,
      }).token
    : undefined;
  const toolContext = {
    runId: state.runId,
    agent: agent.name,
    toolCallId: call.toolCallId,
    idempotencyKey: record.idempotencyKey,
    attempt: record.attempts,
    ...(state.sessionId ? { sessionId: state.sessionId } : {}),
    ...(credential ? { credential } : {}),
  };
  // The model may have written PII placeholders into the arguments: the tool gets the real values.
  return () => executeTool(tool, restoreFromModel(context, call.input), toolContext, context.signal);
}

async function runOne(
  context: RunContext,
  call: PendingToolCall,
  record: ToolCallRecord,
): Promise<ToolOutcome> {
  const work = toolCall(context, call, record);
  if (typeof work !== "function") return work;
  const telemetry = context.deps.telemetry;
  if (!telemetry) return work();
  return telemetry.startToolSpan(
    { name: call.toolName, callId: call.toolCallId, arguments: call.input },
    async (span) => {
      const outcome = await work();
      if (outcome.kind !== "ok") span.setStatus({ code: 2, message: outcome.error.message });
      return outcome;
    },
  );
}

function finish(
  context: RunContext,
  call: PendingToolCall,
  record: ToolCallRecord,
  outcome: ToolOutcome,
  step: number,
): void {
  if (outcome.kind === "ok") {
    record.status = "completed";
    record.output = outcome.output;
    answerToolCall(context.state, call, { output: outcome.output });
    context.emit({
      type: "tool-call-end",
      step,
      toolCallId: call.toolCallId,
      toolName: call.toolName,
      output: outcome.output,
    });
    return;
  }
  const error =
    outcome.kind === "error" ? outcome.error : { code: outcome.error.code, message: outcome.error.message };
  record.status = "failed";
  record.error = error;
  answerToolCall(context.state, call, { error: error.message });
  context.emit({ type: "tool-call-end", step, toolCallId: call.toolCallId, toolName: call.toolName, error });
}

function replay(context: RunContext, call: PendingToolCall, record: ToolCallRecord): void {
  const result =
    record.status === "completed"
      ? { output: record.output ?? null }
      : { error: record.error?.message ?? "failed" };
  answerToolCall(context.state, call, result);
  context.emit({
    type: "tool-call-end",
    step: record.step,
    toolCallId: call.toolCallId,
    toolName: call.toolName,
    ...("output" in result
      ? { output: result.output as JsonValue }
      : { error: record.error ?? { code: "TOOL_FAILED", message: result.error } }),
    replayed: true,
  });
}

/** A successful tool output passes the guardrails (and PII redaction) before the model reads it. */
async function guardOutcome(context: RunContext, outcome: ToolOutcome): Promise<ToolOutcome> {
  if (outcome.kind !== "ok") return outcome;
  const guarded = await guardToolOutput(context, outcome.output);
  if ("output" in guarded) return { kind: "ok", output: guarded.output };
  if (guarded.fatal)
    return {
      kind: "fatal",
      error: guardrailTripped(context.agent.name, "tool-output", guarded.error.message),
    };
  return { kind: "error", error: guarded.error };
}

/** Runs every pending tool call of the last step; sets `context.outcome` when the run must stop. */
export async function toolStep(context: RunContext): Promise<void> {
  const { state, agent } = context;
  const pending = pendingToolCalls(state);
  if (pending.length === 0) return;
  const step = state.steps;
  if (state.toolsDisabled) {
    closePendingToolCalls(state, "Not run: tools were stopped by the circuit breaker.");
    return context.checkpoint();
  }
  const toRun: Array<{ call: PendingToolCall; record: ToolCallRecord }> = [];
  for (const call of pending) {
    const known = state.toolCalls.some((record) => record.toolCallId === call.toolCallId);
    // The breaker sees each call once, before its first run; a resumed call was already counted.
    const trip = known ? undefined : context.breaker?.recordToolCall(call.toolName, call.input);
    if (trip && (applyTrip(context, trip) === "stopped" || state.toolsDisabled)) {
      closePendingToolCalls(state, `Not run: ${trip.message}`);
      return context.checkpoint();
    }
    const record = recordFor(context, call, step);
    if (record.status !== "started") {
      replay(context, call, record);
      continue;
    }
    toRun.push({ call, record });
  }
  const gate = await gateToolCalls(context, toRun);
  for (const { call, record, outcome } of gate.refused) {
    context.emit({
      type: "tool-call-start",
      step,
      toolCallId: call.toolCallId,
      toolName: call.toolName,
      input: call.input,
    });
    finish(context, call, record, outcome, step);
  }
  const allowed = gate.allowed;
  for (const { record } of allowed) record.attempts += 1;
  if (context.breaker) state.breaker = context.breaker.snapshot();
  await context.checkpoint();

  let fatal: ToolOutcome | undefined;
  let next = 0;
  const worker = async () => {
    while (next < allowed.length) {
      const { call, record } = allowed[next++]!;
      context.emit({
        type: "tool-call-start",
        step,
        toolCallId: call.toolCallId,
        toolName: call.toolName,
        input: call.input,
      });
      const outcome = await guardOutcome(context, await runOne(context, call, record));
      if (outcome.kind === "fatal") fatal ??= outcome;
      finish(context, call, record, outcome, step);
      await auditToolResult(context, call, outcome);
      await context.checkpoint();
    }
  };
  await Promise.all(Array.from({ length: Math.min(agent.limits.toolConcurrency, allowed.length) }, worker));
  if (gate.waiting.length > 0 && !fatal) {
    pauseRun(
      context,
      "approval",
      `Waiting for a person to approve ${gate.waiting.length} tool call(s): gantry approvals list`,
      {
        approvals: gate.waiting,
      },
    );
    return;
  }
  if (fatal?.kind === "fatal") failRun(context, fatal.error);
  else if (context.signal.aborted && !context.outcome) {
    context.outcome = { status: "cancelled" };
    state.stopReason = "cancelled";
  }
}
