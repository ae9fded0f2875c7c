import type { LanguageModelV3Content, LanguageModelV3Prompt } from "@ai-sdk/provider";
import type { JsonValue } from "../core/index.js";
import {
  type BudgetContext,
  budgetExceededError,
  createStreamRedactor,
  type Reservation,
} from "../guard/index.js";
import type { ModelCallResult, ModelRequest } from "../models/index.js";
import { applyTrip } from "./apply-trip.js";
import { checkFinalOutput, repairRequest } from "./final-output.js";
import { guardrailTripped, guardText, piiRedactor, restoreFromModel } from "./guard-content.js";
import { modelTools, outputJsonSchema } from "./model-tools.js";
import { principalChain, runEnvironment } from "./principal-chain.js";
import { elapsedMs, type RunContext } from "./run-context.js";
import { outputInvalid, policyDenied, priceUnknown, runLimitReached } from "./run-errors.js";
import { completeRun, failRun, pauseRun } from "./run-outcomes.js";
import type { StoredMessage } from "./run-state.js";

// One model call of the loop: build the request from the state, check the breaker, reserve budget,
// call (streamed or not: the same state and cost either way), settle, record the assistant message
// and checkpoint. A final answer (no tool calls) ends the run here, after schema repair if needed.

type AssistantPart = Extract<StoredMessage, { role: "assistant" }>["content"][number];

function buildRequest(context: RunContext): ModelRequest {
  const { agent, state, deps } = context;
  const prompt = [
    { role: "system", content: context.instructions },
    ...state.messages,
  ] as LanguageModelV3Prompt;
  const tools = state.toolsDisabled ? [] : modelTools(agent);
  const schema = outputJsonSchema(agent);
  return {
    ...(state.model ? { model: state.model } : {}),
    prompt,
    ...(tools.length > 0 ? { tools, toolChoice: { type: "auto" as const } } : {}),
    ...(schema
      ? { responseFormat: { type: "json" as const, schema: schema as never, name: agent.name } }
      : {}),
    maxOutputTokens: agent.limits.maxOutputTokens ?? deps.defaultMaxOutputTokens ?? 4096,
    abortSignal: context.signal,
    ...(context.prompt ? { promptRef: context.prompt } : {}),
  };
}

function budgetContext(context: RunContext): BudgetContext {
  const { state } = context;
  return {
    runId: state.runId,
    parentRunIds: state.parentRunIds,
    agent: state.agent.name,
    projectId: state.projectId,
    ...(state.sessionId ? { sessionId: state.sessionId } : {}),
    ...(state.apiKeyId ? { apiKeyId: state.apiKeyId } : {}),
  };
}

function parseToolInput(text: string): JsonValue {
  try {
    return JSON.parse(text === "" ? "{}" : text) as JsonValue;
  } catch {
    return text;
  }
}

function assistantParts(content: readonly LanguageModelV3Content[]): AssistantPart[] {
  const parts: AssistantPart[] = [];
  for (const part of content) {
    if (part.type === "text" && part.text !== "") parts.push({ type: "text", text: part.text });
    else if (part.type === "reasoning" && part.text !== "")
      parts.push({ type: "reasoning", text: part.text });
    else if (part.type === "tool-call") {
      parts.push({
        type: "tool-call",
        toolCallId: part.toolCallId,
        toolName: part.toolName,
        input: parseToolInput(part.input),
      });
    }
  }
  return parts;
}

async function callModel(context: RunContext, request: ModelRequest, step: number): Promise<ModelCallResult> {
  const { models } = context.deps;
  if (!context.stream) return models.generate(request);
  const streamed = await models.stream(request);
  const reader = streamed.stream.getReader();
  // With PII redaction the model writes placeholders; the user's stream gets the values back, held
  // back only while a placeholder may still be arriving.
  const redactor = piiRedactor(context);
  const restorer = redactor ? createStreamRedactor(redactor, { mode: "restore" }) : undefined;
  const emit = (delta: string) => {
    if (delta !== "") context.emit({ type: "text-delta", step, delta });
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (value.type === "text-delta") emit(restorer ? restorer.push(value.delta) : value.delta);
  }
  if (restorer) emit(restorer.flush());
  return streamed.result;
}

/** Reserves budget for the request; undefined when the run had to stop (price unknown, cap, ledger down). */
async function reserve(
  context: RunContext,
  request: ModelRequest,
  estimate: number | null,
): Promise<Reservation | null | undefined> {
  const budgets = context.deps.budgets;
  if (!budgets?.enabled) return null;
  if (estimate === null) {
    failRun(context, priceUnknown(context.agent.name, request.model ?? "(default)"), "budget");
    return undefined;
  }
  try {
    const outcome = await budgets.reserve({
      context: budgetContext(context),
      amountMicros: estimate,
      label: request.model,
    });
    if (outcome.ok) {
      context.emit({
        type: "budget-reserved",
        reservationId: outcome.reservation.id,
        amountMicros: estimate,
      });
      return outcome.reservation;
    }
    const exceeded = budgetExceededError(outcome.exceeded, {
      runId: context.state.runId,
      ...(context.deps.budgetLimits ? { limits: context.deps.budgetLimits } : {}),
    });
    pauseRun(context, "budget", `${exceeded.message} ${exceeded.hint ?? ""}`.trim(), {
      ...(exceeded.details as Record<string, JsonValue>),
      window: outcome.exceeded.counter.windowKey,
    });
  } catch (error) {
    pauseRun(
      context,
      "ledger-unavailable",
      `The budget ledger could not be reached, so nothing was spent: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return undefined;
}

/**
 * What the breaker should assume the next call can cost: twice the dearest call so far (a loop's
 * calls grow slowly with the conversation), never more than the budget's worst case, 0 before the
 * first call. The worst case alone reserves every possible output token and would trip a cheap
 * agent's envelope on its first call.
 */
function nextCallBoundMicros(context: RunContext, worstCase: number | null): number {
  const bound = 2 * (context.state.largestCallMicros ?? 0);
  return worstCase === null ? bound : Math.min(worstCase, bound);
}

/** Checks the breaker before a call; returns the request to send (a degradation may change it), or undefined when stopped. */
async function checkBreaker(
  context: RunContext,
  request: ModelRequest,
  expectedMicros: number,
): Promise<ModelRequest | undefined> {
  const trip = context.breaker?.beforeModelCall(expectedMicros);
  if (!trip) return request;
  if (applyTrip(context, trip) === "stopped") return undefined;
  return buildRequest(context);
}

/** Asks the policy point whether this agent may call this model (a per-agent model allowlist). */
function modelAllowed(context: RunContext, request: ModelRequest): boolean {
  const policy = context.deps.policy;
  if (!policy) return true;
  const model = request.model ?? "default";
  const decision = policy.decide({
    principal: principalChain(context),
    action: { kind: "model", model },
    args: {},
    environment: runEnvironment(context),
  });
  if (decision.effect === "allow" || decision.effect === "redact") return true;
  const reason = "reason" in decision ? decision.reason : "not allowed";
  failRun(context, policyDenied(context.agent.name, `model ${model}`, reason, decision.invariant), "error");
  return false;
}

/** One model call and its bookkeeping; sets `context.outcome` when the run ends here. */
export async function modelStep(context: RunContext): Promise<void> {
  const { agent, state, deps } = context;
  if (state.steps >= agent.limits.maxSteps)
    return failRun(context, runLimitReached("maxSteps", agent.limits.maxSteps, agent.name), "max-steps");
  if (elapsedMs(context) >= agent.limits.wallClockMs)
    return failRun(
      context,
      runLimitReached("wallClockMs", agent.limits.wallClockMs, agent.name),
      "wall-clock",
    );

  let request = buildRequest(context);
  if (!modelAllowed(context, request)) return;
  let estimate = deps.estimateCost ? await deps.estimateCost(request) : null;
  const checked = await checkBreaker(context, request, nextCallBoundMicros(context, estimate));
  if (!checked) return;
  if (checked !== request) {
    request = checked;
    estimate = deps.estimateCost ? await deps.estimateCost(request) : null;
  }
  const reservation = await reserve(context, request, estimate);
  if (reservation === undefined) return;

  const step = state.steps + 1;
  context.emit({ type: "step-start", step, model: request.model ?? "(default)" });
  let result: ModelCallResult;
  try {
    result = await callModel(context, request, step);
  } catch (error) {
    if (reservation) await deps.budgets?.release(reservation).catch(() => {});
    if (context.signal.aborted && elapsedMs(context) >= agent.limits.wallClockMs) {
      return failRun(
        context,
        runLimitReached("wallClockMs", agent.limits.wallClockMs, agent.name),
        "wall-clock",
      );
    }
    if (context.signal.aborted) {
      context.outcome = { status: "cancelled" };
      state.stopReason = "cancelled";
      return;
    }
    return failRun(context, error);
  }
  const actual = result.cost.micros;
  if (reservation) {
    const settled = actual ?? reservation.amountMicros;
    await deps.budgets?.settle(reservation, settled);
    context.emit({ type: "budget-settled", reservationId: reservation.id, amountMicros: settled });
  }

  state.steps = step;
  if (actual === null) state.unpricedCalls += 1;
  else {
    state.costMicros += actual;
    state.largestCallMicros = Math.max(state.largestCallMicros ?? 0, actual);
  }
  // Totals as the GenAI conventions count them: cache reads and writes inside input, reasoning inside output.
  const { input, cacheRead, cacheWrite, cacheWrite1h, output, reasoning } = result.usage;
  const inputTokens = input + cacheRead + cacheWrite + cacheWrite1h;
  const outputTokens = output + reasoning;
  state.inputTokens += inputTokens;
  state.outputTokens += outputTokens;
  const parts = assistantParts(result.content);
  state.messages.push({ role: "assistant", content: parts });
  context.emit({
    type: "step-end",
    step,
    finishReason: result.finishReason.unified,
    model: result.modelId,
    inputTokens,
    outputTokens,
    costMicros: actual,
  });
  const trip = context.breaker?.recordModelCall(actual ?? 0);
  if (context.breaker) state.breaker = context.breaker.snapshot();

  const toolCalls = parts.filter((part) => part.type === "tool-call");
  if (toolCalls.length > 0 && !state.toolsDisabled) {
    if (state.toolCalls.length + toolCalls.length > agent.limits.maxToolCalls) {
      failRun(
        context,
        runLimitReached("maxToolCalls", agent.limits.maxToolCalls, agent.name),
        "max-tool-calls",
      );
    } else if (trip) {
      applyTrip(context, trip);
    }
    // With calls to run, the tool step's `started` checkpoint follows at once and holds this message
    // too; a crash in between only repeats this model call, never a side effect.
    if (!context.outcome && !state.toolsDisabled) return;
    return context.checkpoint();
  }
  await finalAnswer(context, parts);
  if (!context.outcome && trip) applyTrip(context, trip);
  // A run that ended here gets its final checkpoint from the segment.
  if (context.outcome) return;
  return context.checkpoint();
}

async function finalAnswer(context: RunContext, parts: readonly AssistantPart[]): Promise<void> {
  const { agent, state } = context;
  const written = parts
    .filter((part) => part.type === "text")
    .map((part) => part.text)
    .join("");
  const guarded = await guardText(context, written, "output");
  if (!guarded.ok && guarded.action !== "reask") {
    failRun(context, guardrailTripped(agent.name, "output", guarded.reason));
    return;
  }
  if (!guarded.ok) {
    if (state.repairs >= agent.limits.maxRepairs) {
      failRun(context, guardrailTripped(agent.name, "output", guarded.reason));
      return;
    }
    state.repairs += 1;
    state.messages.push({
      role: "user",
      content: [{ type: "text", text: `Your answer was not accepted: ${guarded.reason}. Answer again.` }],
    });
    return;
  }
  const text = guarded.text;
  const stopReason = state.toolsDisabled ? "breaker" : "final-answer";
  if (!agent.output) {
    completeRun(context, restoreFromModel(context, text), stopReason);
    return;
  }
  const checked = checkFinalOutput(text, agent.output);
  if (checked.ok) {
    completeRun(context, restoreFromModel(context, checked.value), stopReason);
    return;
  }
  if (state.repairs >= agent.limits.maxRepairs) {
    failRun(context, outputInvalid(agent.name, checked.problems, state.repairs));
    return;
  }
  state.repairs += 1;
  state.messages.push({ role: "user", content: [{ type: "text", text: repairRequest(checked.problems) }] });
}
