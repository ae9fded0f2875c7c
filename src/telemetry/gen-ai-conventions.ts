import { SpanKind } from "@opentelemetry/api";

// The one place where span names and attribute keys are spelled. Everything else in Gantry (and the
// dashboard, and the OTLP mapper) refers to these constants, so a semantic-convention rename is a
// one-file change. The `gen_ai.*`, `mcp.*`, `jsonrpc.*` and `error.type` names are pinned from
// @opentelemetry/semantic-conventions 1.45.0 (`/incubating`), where they are marked as moved to the
// GenAI semantic-conventions repository; we copy them as literals rather than importing the deprecated
// constants, and gen-ai-conventions.test.ts fails if the installed package ever disagrees.

/** Semantic-conventions release the `gen_ai.*` names below were checked against. */
export const pinnedSemanticConventionsVersion = "1.45.0";

/** `gen_ai.operation.name` values Gantry emits. */
export const genAiOperations = {
  chat: "chat",
  invokeAgent: "invoke_agent",
  executeTool: "execute_tool",
  invokeWorkflow: "invoke_workflow",
} as const;
export type GenAiOperation = (typeof genAiOperations)[keyof typeof genAiOperations];

/** OpenTelemetry GenAI (and neighbouring) attribute keys. */
export const genAiKeys = {
  operationName: "gen_ai.operation.name",
  providerName: "gen_ai.provider.name",
  conversationId: "gen_ai.conversation.id",
  requestModel: "gen_ai.request.model",
  requestTemperature: "gen_ai.request.temperature",
  requestMaxTokens: "gen_ai.request.max_tokens",
  requestTopP: "gen_ai.request.top_p",
  requestTopK: "gen_ai.request.top_k",
  requestSeed: "gen_ai.request.seed",
  requestStream: "gen_ai.request.stream",
  responseModel: "gen_ai.response.model",
  responseId: "gen_ai.response.id",
  responseFinishReasons: "gen_ai.response.finish_reasons",
  /** All input tokens, cache reads and writes included (the spec's SHOULD). */
  usageInputTokens: "gen_ai.usage.input_tokens",
  /** All output tokens, reasoning included (the spec's SHOULD). */
  usageOutputTokens: "gen_ai.usage.output_tokens",
  usageCacheReadInputTokens: "gen_ai.usage.cache_read.input_tokens",
  usageCacheCreationInputTokens: "gen_ai.usage.cache_creation.input_tokens",
  usageReasoningOutputTokens: "gen_ai.usage.reasoning.output_tokens",
  agentName: "gen_ai.agent.name",
  agentId: "gen_ai.agent.id",
  agentDescription: "gen_ai.agent.description",
  agentVersion: "gen_ai.agent.version",
  workflowName: "gen_ai.workflow.name",
  toolName: "gen_ai.tool.name",
  toolCallId: "gen_ai.tool.call.id",
  toolType: "gen_ai.tool.type",
  toolDescription: "gen_ai.tool.description",
  /** Opt-in (may hold sensitive data): recorded only with `captureToolContent`, after redaction. */
  toolCallArguments: "gen_ai.tool.call.arguments",
  /** Opt-in, like the arguments. */
  toolCallResult: "gen_ai.tool.call.result",
  errorType: "error.type",
  serverAddress: "server.address",
  serverPort: "server.port",
  mcpMethodName: "mcp.method.name",
  mcpSessionId: "mcp.session.id",
  jsonRpcRequestId: "jsonrpc.request.id",
  /** `production`, `staging`…: on the resource (or a span); per-environment prompt usage and drift read it. */
  deploymentEnvironmentName: "deployment.environment.name",
} as const;

/** Gantry's own attribute keys, all under `gantry.*`. */
export const gantryKeys = {
  /** Integer micro-USD, only on the span that spent it (a model call), never rolled up onto parents. */
  costMicros: "gantry.cost.micros",
  /** `reported`, `computed` or `unknown` (then `gantry.cost.micros` is absent: unknown is never 0). */
  costSource: "gantry.cost.source",
  costPriceVersion: "gantry.cost.price_version",
  promptId: "gantry.prompt.id",
  promptVersion: "gantry.prompt.version",
  promptHash: "gantry.prompt.hash",
  /** `registry`, `cache`, `stale-cache` or `bundled`: a fallback shows on every span it served. */
  promptSource: "gantry.prompt.source",
  sessionId: "gantry.session.id",
  projectId: "gantry.project.id",
  /** The agent a span ran under, inherited through baggage (an `invoke_agent` span runs under itself). */
  agentName: "gantry.agent.name",
  /** JSON array of every model attempt of the call: retries and failover alike. */
  modelAttempts: "gantry.model.attempts",
  modelAttemptCount: "gantry.model.attempt_count",
  /** 1-hour cache writes, counted inside `gen_ai.usage.cache_creation.input_tokens` too. */
  usageCacheCreation1hInputTokens: "gantry.usage.cache_creation_1h.input_tokens",
  signalGrounded: "gantry.signal.grounded",
  signalFallback: "gantry.signal.fallback",
  signalConfidence: "gantry.signal.confidence",
  signalDownstreamOk: "gantry.signal.downstream_ok",
  /** A label set when the outcome is known (possibly after the span ended, see `recordOutcome`). */
  outcome: "gantry.outcome",
  cached: "gantry.cache.hit",
  routeTier: "gantry.route.tier",
  routeReason: "gantry.route.reason",
} as const;

/** Names of span events Gantry adds. */
export const gantryEvents = {
  /** The span was ended because its run was aborted; attribute `gantry.abort.reason`. */
  aborted: "aborted",
  abortReasonKey: "gantry.abort.reason",
  /** A session breaker tripped; attributes `gantry.breaker.*`. */
  breakerTrip: "gantry.breaker.trip",
  breakerReasonKey: "gantry.breaker.reason",
  breakerDegradationKey: "gantry.breaker.degradation",
  breakerMessageKey: "gantry.breaker.message",
  /** A budget cap refused a reservation; the run paused. */
  budgetExceeded: "gantry.budget.exceeded",
  /** The run paused (budget, breaker, approval); attribute `gantry.pause.reason`. */
  runPause: "gantry.run.pause",
  pauseReasonKey: "gantry.pause.reason",
} as const;

/**
 * The GenAI evaluation event (`gen_ai.evaluation.result`, development stability in 1.45.0): one per
 * score, on a span parented to the operation it judges. `evaluate {rule}` and `gantry.eval.rule` are
 * Gantry's own: the span that carries an online rule's events.
 */
export const genAiEvaluation = {
  resultEvent: "gen_ai.evaluation.result",
  /** Required: the metric (`faithfulness`, `is-json`…). */
  nameKey: "gen_ai.evaluation.name",
  scoreValueKey: "gen_ai.evaluation.score.value",
  /** `pass`, `fail` (or `inconclusive` when the scorer could not decide). */
  scoreLabelKey: "gen_ai.evaluation.score.label",
  explanationKey: "gen_ai.evaluation.explanation",
  ruleKey: "gantry.eval.rule",
  /** ISO time the rule scored the trace (the span itself is stamped inside the trace it judges). */
  scoredAtKey: "gantry.eval.scored_at",
  spanName: (rule: string) => `evaluate ${rule}`,
} as const;

/** Baggage entries Gantry propagates and copies onto every span started under them. */
export const inheritedBaggageKeys = [
  gantryKeys.sessionId,
  gantryKeys.projectId,
  gantryKeys.agentName,
] as const;

/** Span names, as the GenAI conventions spell them: `{operation} {target}`. */
export const spanNames = {
  invokeAgent: (agent: string) => `${genAiOperations.invokeAgent} ${agent}`,
  chat: (model: string) => `${genAiOperations.chat} ${model}`,
  executeTool: (tool: string) => `${genAiOperations.executeTool} ${tool}`,
  invokeWorkflow: (workflow: string) => `${genAiOperations.invokeWorkflow} ${workflow}`,
  /** MCP: `{mcp.method.name} {target}`, e.g. `tools/call lookup_order`. */
  mcp: (method: string, target?: string) => (target ? `${method} ${target}` : method),
  /** The marker span `recordOutcome` adds under a span that already ended. */
  outcome: "gantry.outcome",
} as const;

/** Span kinds the conventions prescribe per operation. */
export const spanKinds = {
  /** In-process agents are INTERNAL; an agent reached over the network is CLIENT. */
  invokeAgent: (remote: boolean) => (remote ? SpanKind.CLIENT : SpanKind.INTERNAL),
  chat: SpanKind.CLIENT,
  executeTool: SpanKind.INTERNAL,
  invokeWorkflow: SpanKind.INTERNAL,
} as const;

/** Splits Gantry's `provider:model` id into the provider and the model name the conventions want. */
export function splitModelId(modelId: string): { provider: string | undefined; model: string } {
  const colon = modelId.indexOf(":");
  if (colon <= 0) return { provider: undefined, model: modelId };
  return { provider: modelId.slice(0, colon), model: modelId.slice(colon + 1) };
}
