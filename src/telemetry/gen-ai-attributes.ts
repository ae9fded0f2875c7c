import type { Attributes } from "@opentelemetry/api";
import { GantryError } from "../core/index.js";
import { gantryKeys, genAiKeys, genAiOperations, splitModelId } from "./gen-ai-conventions.js";

// Attribute maps built from plain inputs, so no caller ever spells a key. The input types are
// telemetry's own (telemetry sits below models and cannot import them) but are shaped so that the
// models layer's `NormalisedUsage`, `CallCost` and `ModelAttempt` can be passed as they are.

/** Token buckets, disjoint as in the models layer: `input` excludes cache reads/writes, `output` excludes reasoning. */
export interface UsageInput {
  input: number;
  output: number;
  cacheRead?: number;
  /** Cache writes at the default (5-minute) rate. */
  cacheWrite?: number;
  /** Cache writes at the 1-hour rate. */
  cacheWrite1h?: number;
  reasoning?: number;
}

/** Cost of one call; `micros` is null when unknown. */
export interface CostInput {
  micros: number | null;
  source: string;
  priceVersion?: string;
}

/** One try of one model candidate (retry or failover). */
export interface AttemptInput {
  number: number;
  modelId: string;
  provider: string;
  durationMs: number;
  waitedMs?: number;
  outcome: string;
  error?: { code: string; statusCode?: number };
  cost?: CostInput;
}

export interface PromptInput {
  id: string;
  version?: string;
  hash?: string;
  /** Where the text came from: `registry`, `cache`, `stale-cache` or `bundled`. */
  source?: string;
}

/** Behavioural signals; `outcome` is a free label (e.g. `resolved`, `escalated`). */
export interface SignalsInput {
  grounded?: boolean;
  fallback?: boolean;
  /** 0..1. */
  confidence?: number;
  downstreamOk?: boolean;
  outcome?: string;
}

export interface AgentInput {
  /** The agent's name: the span is `invoke_agent {name}`. */
  name: string;
  id?: string;
  description?: string;
  version?: string;
  /** True when the agent runs elsewhere and this span is the client side (kind CLIENT). */
  remote?: boolean;
  conversationId?: string;
  /** Inherited by every span under this one, also across processes (baggage). */
  sessionId?: string;
  prompt?: PromptInput;
}

export interface ChatRequestInput {
  /** `provider:model` or a bare model name: the span is `chat {model}`. */
  model: string;
  /** Defaults to the `provider:` prefix of `model`. */
  provider?: string;
  conversationId?: string;
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  topK?: number;
  seed?: number;
  stream?: boolean;
  serverAddress?: string;
  serverPort?: number;
  prompt?: PromptInput;
  tier?: string;
  routeReason?: string;
}

export interface ChatResultInput {
  /** The model that answered (`provider:model` or bare), when it differs or is more precise. */
  responseModel?: string;
  responseId?: string;
  finishReasons?: readonly string[];
  usage?: UsageInput;
  cost?: CostInput;
  attempts?: readonly AttemptInput[];
  cached?: boolean;
}

export interface ToolInput {
  /** The span is `execute_tool {name}`. */
  name: string;
  callId?: string;
  /** `function`, `extension` or `datastore`. */
  type?: string;
  description?: string;
}

export interface WorkflowInput {
  name: string;
  conversationId?: string;
  sessionId?: string;
}

function put(attributes: Attributes, key: string, value: string | number | boolean | undefined): void {
  if (value !== undefined) attributes[key] = value;
}

// The builders write into one object rather than spreading partial maps together: object spread of
// many dotted keys costs microseconds per call, and these run on every model call.

function writeUsage(attributes: Attributes, usage: UsageInput): void {
  const cacheRead = usage.cacheRead ?? 0;
  const cacheWrite = (usage.cacheWrite ?? 0) + (usage.cacheWrite1h ?? 0);
  const reasoning = usage.reasoning ?? 0;
  attributes[genAiKeys.usageInputTokens] = usage.input + cacheRead + cacheWrite;
  attributes[genAiKeys.usageOutputTokens] = usage.output + reasoning;
  attributes[genAiKeys.usageCacheReadInputTokens] = cacheRead;
  attributes[genAiKeys.usageCacheCreationInputTokens] = cacheWrite;
  attributes[genAiKeys.usageReasoningOutputTokens] = reasoning;
  if (usage.cacheWrite1h) attributes[gantryKeys.usageCacheCreation1hInputTokens] = usage.cacheWrite1h;
}

/** `gen_ai.usage.*`: totals per the spec (cache inside input, reasoning inside output) plus the split buckets. */
export function usageAttributes(usage: UsageInput): Attributes {
  const attributes: Attributes = {};
  writeUsage(attributes, usage);
  return attributes;
}

function checkMicros(micros: number, field: string): number {
  if (Number.isSafeInteger(micros) && micros >= 0) return micros;
  throw new GantryError({
    code: "TELEMETRY_INVALID_COST",
    message: `${field} must be a non-negative integer number of micro-USD, got ${micros}`,
    domain: "TELEMETRY",
    category: "SYSTEM",
    details: { field, value: String(micros) },
    hint: "Convert money to integer micro-USD before recording it (1 USD = 1,000,000); never round silently.",
  });
}

function writeCost(attributes: Attributes, cost: CostInput): void {
  attributes[gantryKeys.costSource] = cost.source;
  if (cost.micros !== null)
    attributes[gantryKeys.costMicros] = checkMicros(cost.micros, gantryKeys.costMicros);
  put(attributes, gantryKeys.costPriceVersion, cost.priceVersion);
}

/** `gantry.cost.*`; an unknown cost records only its source, never a 0. */
export function costAttributes(cost: CostInput): Attributes {
  const attributes: Attributes = {};
  writeCost(attributes, cost);
  return attributes;
}

function compactAttempt(attempt: AttemptInput): Record<string, string | number> {
  const compact: Record<string, string | number> = {
    number: attempt.number,
    model: attempt.modelId,
    provider: attempt.provider,
    outcome: attempt.outcome,
    durationMs: attempt.durationMs,
  };
  if (attempt.waitedMs) compact.waitedMs = attempt.waitedMs;
  if (attempt.error) compact.errorCode = attempt.error.code;
  if (attempt.error?.statusCode !== undefined) compact.statusCode = attempt.error.statusCode;
  if (attempt.cost && attempt.cost.micros !== null)
    compact.costMicros = checkMicros(attempt.cost.micros, "attempt cost");
  return compact;
}

function writeAttempts(attributes: Attributes, attempts: readonly AttemptInput[]): void {
  attributes[gantryKeys.modelAttempts] = JSON.stringify(attempts.map(compactAttempt));
  attributes[gantryKeys.modelAttemptCount] = attempts.length;
}

/** `gantry.model.attempts` (JSON, every retry and failover) and the attempt count. */
export function attemptAttributes(attempts: readonly AttemptInput[]): Attributes {
  const attributes: Attributes = {};
  writeAttempts(attributes, attempts);
  return attributes;
}

function writePrompt(attributes: Attributes, prompt: PromptInput): void {
  attributes[gantryKeys.promptId] = prompt.id;
  put(attributes, gantryKeys.promptVersion, prompt.version);
  put(attributes, gantryKeys.promptHash, prompt.hash);
  put(attributes, gantryKeys.promptSource, prompt.source);
}

/** `gantry.prompt.*`. */
export function promptAttributes(prompt: PromptInput): Attributes {
  const attributes: Attributes = {};
  writePrompt(attributes, prompt);
  return attributes;
}

/** `gantry.signal.*` and `gantry.outcome`, only the fields given. */
export function signalAttributes(signals: SignalsInput): Attributes {
  const attributes: Attributes = {};
  put(attributes, gantryKeys.signalGrounded, signals.grounded);
  put(attributes, gantryKeys.signalFallback, signals.fallback);
  put(attributes, gantryKeys.signalConfidence, signals.confidence);
  put(attributes, gantryKeys.signalDownstreamOk, signals.downstreamOk);
  put(attributes, gantryKeys.outcome, signals.outcome);
  return attributes;
}

/** Attributes of an `invoke_agent` span. */
export function agentAttributes(agent: AgentInput): Attributes {
  const attributes: Attributes = {
    [genAiKeys.operationName]: genAiOperations.invokeAgent,
    [genAiKeys.agentName]: agent.name,
  };
  put(attributes, genAiKeys.agentId, agent.id);
  put(attributes, genAiKeys.agentDescription, agent.description);
  put(attributes, genAiKeys.agentVersion, agent.version);
  put(attributes, genAiKeys.conversationId, agent.conversationId);
  put(attributes, gantryKeys.sessionId, agent.sessionId);
  if (agent.prompt) writePrompt(attributes, agent.prompt);
  return attributes;
}

/** Attributes of a `chat` span known when the request starts. */
export function chatRequestAttributes(request: ChatRequestInput): Attributes {
  const { provider, model } = splitModelId(request.model);
  const attributes: Attributes = {
    [genAiKeys.operationName]: genAiOperations.chat,
    [genAiKeys.requestModel]: model,
  };
  put(attributes, genAiKeys.providerName, request.provider ?? provider);
  put(attributes, genAiKeys.conversationId, request.conversationId);
  put(attributes, genAiKeys.requestTemperature, request.temperature);
  put(attributes, genAiKeys.requestMaxTokens, request.maxTokens);
  put(attributes, genAiKeys.requestTopP, request.topP);
  put(attributes, genAiKeys.requestTopK, request.topK);
  put(attributes, genAiKeys.requestSeed, request.seed);
  put(attributes, genAiKeys.requestStream, request.stream);
  put(attributes, genAiKeys.serverAddress, request.serverAddress);
  put(attributes, genAiKeys.serverPort, request.serverPort);
  put(attributes, gantryKeys.routeTier, request.tier);
  put(attributes, gantryKeys.routeReason, request.routeReason);
  if (request.prompt) writePrompt(attributes, request.prompt);
  return attributes;
}

/** Attributes of a `chat` span known when the response is complete: model, finish reasons, usage, cost, attempts. */
export function chatResultAttributes(result: ChatResultInput): Attributes {
  const attributes: Attributes = {};
  if (result.responseModel !== undefined) {
    const { provider, model } = splitModelId(result.responseModel);
    attributes[genAiKeys.responseModel] = model;
    // After failover the answering provider may differ from the requested one.
    put(attributes, genAiKeys.providerName, provider);
  }
  put(attributes, genAiKeys.responseId, result.responseId);
  if (result.finishReasons) attributes[genAiKeys.responseFinishReasons] = [...result.finishReasons];
  put(attributes, gantryKeys.cached, result.cached);
  if (result.usage) writeUsage(attributes, result.usage);
  if (result.cost) writeCost(attributes, result.cost);
  if (result.attempts) writeAttempts(attributes, result.attempts);
  return attributes;
}

/** Attributes of an `execute_tool` span (never the opt-in arguments or result). */
export function toolAttributes(tool: ToolInput): Attributes {
  const attributes: Attributes = {
    [genAiKeys.operationName]: genAiOperations.executeTool,
    [genAiKeys.toolName]: tool.name,
  };
  put(attributes, genAiKeys.toolCallId, tool.callId);
  put(attributes, genAiKeys.toolType, tool.type);
  put(attributes, genAiKeys.toolDescription, tool.description);
  return attributes;
}

/** Attributes of an `invoke_workflow` span. */
export function workflowAttributes(workflow: WorkflowInput): Attributes {
  const attributes: Attributes = {
    [genAiKeys.operationName]: genAiOperations.invokeWorkflow,
    [genAiKeys.workflowName]: workflow.name,
  };
  put(attributes, genAiKeys.conversationId, workflow.conversationId);
  put(attributes, gantryKeys.sessionId, workflow.sessionId);
  return attributes;
}
