import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamResult,
  SharedV3ProviderMetadata,
} from "@ai-sdk/provider";
import type { Clock, SimFaults, SimLatency } from "../../core/index.js";
import type { Sleep } from "./abortable-sleep.js";
import { type CallRandom, CallRandomness } from "./call-randomness.js";
import { conversationFacts } from "./conversation-facts.js";
import { defaultScenario } from "./default-scenario.js";
import { type RequestContext, rateLimitError, serverError, timeoutError } from "./fault-errors.js";
import { chunkDelayMs, sampleLatencyMs } from "./latency-model.js";
import { resolveVersion } from "./model-versions.js";
import { type FaultKind, pickFault } from "./pick-fault.js";
import { planResponse, type ResponsePlan } from "./plan-response.js";
import type { Scenario } from "./scenario-schema.js";
import { parseSimModelId, type SimModelId, simModelFamilies } from "./sim-model-id.js";
import { simUsage } from "./sim-usage.js";
import { splitIntoChunks, splitJsonIntoChunks } from "./split-into-chunks.js";
import { streamFromSteps } from "./stream-from-steps.js";
import { streamSteps } from "./stream-steps.js";
import { loadTokenCounter } from "./token-counter.js";

/** What a sim model shares with its provider: settings, scenarios (loaded once) and injected time. */
export interface SimModelContext {
  seed: number;
  latency: SimLatency;
  faults: SimFaults;
  scenarios: () => Promise<Scenario[]>;
  sleep: Sleep;
  clock: Clock;
}

interface PreparedCall {
  random: CallRandom;
  fault: FaultKind | undefined;
  context: RequestContext;
  plan: ResponsePlan;
  textChunks: string[];
  firstTokenMs: number;
  chunkMs: number;
  generate: Omit<LanguageModelV3GenerateResult, "content">;
}

/**
 * The sim model: an AI SDK `LanguageModelV3` that answers from scenario scripts, deterministically
 * for a given seed, with sampled latency and injected faults. Each instance owns its random state.
 */
export class SimLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = "v3";
  readonly provider = "sim";
  readonly modelId: string;
  // Nothing is fetched by the sim itself, so the AI SDK downloads any URL before calling it.
  readonly supportedUrls: Record<string, RegExp[]> = {};
  private readonly id: SimModelId;
  private readonly randomness: CallRandomness;

  constructor(
    modelId: string,
    private readonly context: SimModelContext,
  ) {
    this.id = parseSimModelId(modelId);
    this.modelId = modelId.replace(/^sim:/, "");
    this.randomness = new CallRandomness(context.seed);
  }

  /** Answers in one piece, after the latency the whole answer would have taken to stream. */
  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const random = this.randomness.next(options);
    const call = await this.prepare(options, random, "generate");
    const toolDeltas = call.plan.toolCalls.reduce(
      (sum, toolCall) => sum + splitJsonIntoChunks(toolCall.input).length,
      0,
    );
    await this.wait(
      call.firstTokenMs + call.chunkMs * (call.textChunks.length + toolDeltas),
      options.abortSignal,
    );
    const content: LanguageModelV3Content[] = [];
    if (call.plan.text.length > 0) content.push({ type: "text", text: call.plan.text });
    for (const toolCall of call.plan.toolCalls) content.push({ type: "tool-call", ...toolCall });
    return { ...call.generate, content };
  }

  /** Streams the answer in word chunks: the first after the sampled first-token delay, then one per chunk delay. */
  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const random = this.randomness.next(options);
    const call = await this.prepare(options, random, "stream");
    const steps = streamSteps({
      plan: call.plan,
      textChunks: call.textChunks,
      usage: call.generate.usage,
      response: {
        id: call.generate.response!.id!,
        timestamp: call.generate.response!.timestamp!,
        modelId: call.generate.response!.modelId!,
      },
      providerMetadata: call.generate.providerMetadata ?? {},
      firstTokenMs: call.firstTokenMs,
      chunkMs: call.chunkMs,
      fault: call.fault,
      faultRandom: random.faults,
      context: call.context,
      includeRawChunks: options.includeRawChunks === true,
    });
    return {
      stream: streamFromSteps(steps, this.context.sleep, options.abortSignal),
      request: call.generate.request,
      response: { headers: call.generate.response?.headers },
    };
  }

  // Request-level faults (429, 5xx, timeout) are raised here, before any content, as an HTTP
  // provider raises them before the response body.
  private async prepare(
    options: LanguageModelV3CallOptions,
    random: CallRandom,
    mode: "generate" | "stream",
  ): Promise<PreparedCall> {
    options.abortSignal?.throwIfAborted();
    const [scenarios, tokens] = await Promise.all([this.context.scenarios(), loadTokenCounter()]);
    const version = resolveVersion(this.id.version, scenarios);
    const resolvedModelId = `${this.id.family}@${version.name}`;
    const context: RequestContext = {
      url: `sim://models/${resolvedModelId}`,
      requestBodyValues: {
        model: resolvedModelId,
        prompt: options.prompt,
        responseFormat: options.responseFormat,
      },
    };
    const fault = pickFault(this.context.faults, random.faults.next(), mode);
    if (fault === "rateLimit") throw rateLimitError(context, this.context.faults.retryAfterSeconds);
    if (fault === "serverError") throw serverError(context, random.faults.chance(0.5) ? 503 : 500);
    if (fault === "timeout") {
      await this.wait(this.context.faults.timeoutMs, options.abortSignal);
      throw timeoutError(context, this.context.faults.timeoutMs);
    }
    const rules = scenarios.flatMap((scenario) => scenario.rules);
    if (scenarios.every((scenario) => scenario.includeDefaultRules)) rules.push(...defaultScenario.rules);
    const facts = conversationFacts(options);
    const plan = planResponse({ options, facts, rules, version, random: random.content, tokens });
    const factor = simModelFamilies[this.id.family].latencyFactor * version.behaviour.latencyFactor;
    const sampledMs = sampleLatencyMs(this.context.latency, random.latency);
    const providerMetadata: SharedV3ProviderMetadata = {
      sim: {
        rule: plan.ruleName ?? null,
        version: version.name,
        refused: plan.refused,
        callSeed: random.callSeed,
      },
    };
    return {
      random,
      fault,
      context,
      plan,
      textChunks: splitIntoChunks(plan.text, random.chunks),
      firstTokenMs: sampledMs * factor,
      chunkMs: chunkDelayMs(this.context.latency, sampledMs) * factor,
      generate: {
        finishReason: plan.finishReason,
        usage: simUsage(options, plan.text, plan.toolCalls, tokens),
        providerMetadata,
        request: { body: context.requestBodyValues },
        response: {
          id: `resp_${random.ids.hex(24)}`,
          timestamp: new Date(this.context.clock.now()),
          modelId: resolvedModelId,
          headers: { "x-sim-version": version.name },
        },
        warnings: [],
      },
    };
  }

  private async wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (ms > 0) await this.context.sleep(ms, signal);
    else signal?.throwIfAborted();
  }
}
