import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
} from "@ai-sdk/provider";
import { APICallError } from "@ai-sdk/provider";
import { type Clock, ManualClock, modelsSchema, type RetryPolicy } from "../../src/core/index.js";
import {
  CooldownTracker,
  createModelClient,
  type ModelAttempt,
  type ModelClient,
  type ModelClientOptions,
} from "../../src/models/index.js";
import { recordingSleep } from "./sim-test-helpers.js";

// Failover tests import recordingSleep from here with the rest of their helpers.
export { recordingSleep };

/** V3 usage with plain input and output counts. */
export function usage(input: number, output: number): LanguageModelV3Usage {
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: output, text: output, reasoning: 0 },
  };
}

/** A stream step: a part, the stream erroring, or a pause until the signal aborts. */
export type StreamStep =
  | LanguageModelV3StreamPart
  | { fail: unknown }
  | { hang: true; ignoreAbort?: boolean };

/** One scripted answer of a test double. */
export type DoubleStep =
  | { kind: "answer"; text: string; usage?: LanguageModelV3Usage }
  | { kind: "throw"; error: unknown }
  | { kind: "hang"; ignoreAbort?: boolean }
  | { kind: "stream"; steps: StreamStep[] };

/**
 * A hand-written LanguageModelV3 that answers from a script, one step per call (the last step
 * repeats), and records each call, for tests that need exact sequencing.
 */
export class ScriptedModel implements LanguageModelV3 {
  readonly specificationVersion = "v3";
  readonly supportedUrls = {};
  readonly provider: string;
  readonly calls: LanguageModelV3CallOptions[] = [];

  constructor(
    readonly modelId: string,
    private readonly script: DoubleStep[],
  ) {
    this.provider = modelId.split(":")[0] ?? "double";
  }

  get callCount(): number {
    return this.calls.length;
  }

  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const step = await this.next(options);
    if (step.kind !== "answer") throw new Error(`step ${step.kind} is for doStream`);
    return {
      content: [{ type: "text", text: step.text }],
      finishReason: { unified: "stop", raw: "stop" },
      usage: step.usage ?? usage(10, 5),
      response: { id: `resp-${this.modelId}-${this.calls.length}`, modelId: this.modelId },
      warnings: [],
    };
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const step = await this.next(options);
    const steps: StreamStep[] =
      step.kind === "answer"
        ? textStream(step.text, step.usage)
        : step.kind === "stream"
          ? [...step.steps]
          : [];
    const signal = options.abortSignal;
    return {
      stream: new ReadableStream<LanguageModelV3StreamPart>({
        async pull(controller) {
          const next = steps.shift();
          if (next === undefined) return controller.close();
          if ("fail" in next) return controller.error(next.fail);
          if ("hang" in next) {
            await new Promise<void>((_resolve, reject) => {
              if (next.ignoreAbort === true) return; // a provider stream that never honours its signal
              if (signal?.aborted) reject(signal.reason);
              signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
            }).catch((error: unknown) => controller.error(error));
            return;
          }
          controller.enqueue(next);
        },
      }),
    };
  }

  private async next(options: LanguageModelV3CallOptions): Promise<DoubleStep> {
    this.calls.push(options);
    options.abortSignal?.throwIfAborted();
    const step = this.script[Math.min(this.calls.length - 1, this.script.length - 1)];
    if (step === undefined) throw new Error(`${this.modelId}: empty script`);
    if (step.kind === "throw") throw step.error;
    if (step.kind === "hang") {
      await new Promise<void>((_resolve, reject) => {
        if (step.ignoreAbort === true) return; // a provider that never honours its signal
        const signal = options.abortSignal;
        if (signal?.aborted) reject(signal.reason);
        signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
      });
    }
    return step;
  }
}

/** The parts of a successful text stream: start, metadata, one delta per word, finish. */
export function textStream(
  text: string,
  finishUsage: LanguageModelV3Usage = usage(10, 5),
): LanguageModelV3StreamPart[] {
  const words = text.split(/(?<= )/);
  return [
    { type: "stream-start", warnings: [] },
    { type: "response-metadata", id: "resp-stream", modelId: "double" },
    { type: "text-start", id: "t" },
    ...words.map((delta): LanguageModelV3StreamPart => ({ type: "text-delta", id: "t", delta })),
    { type: "text-end", id: "t" },
    { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage: finishUsage },
  ];
}

/** An HTTP error as the AI SDK providers throw it. */
export function httpError(statusCode: number, headers: Record<string, string> = {}): APICallError {
  return new APICallError({
    message: `HTTP ${statusCode} from the test double`,
    url: "http://127.0.0.1/v1/chat/completions",
    requestBodyValues: {},
    statusCode,
    responseHeaders: headers,
    isRetryable: statusCode === 408 || statusCode === 409 || statusCode === 429 || statusCode >= 500,
  });
}

export interface TestClient {
  client: ModelClient;
  waits: number[];
  attemptsSeen: ModelAttempt[];
  cooldown: CooldownTracker;
  clock: ManualClock;
}

/**
 * A client over fixed models: `models` maps ids to V3 models, the request's `model` is the first
 * candidate and `fallbacks` follow (or a `tier:` name from `tiers`). Sleep and clock are injected;
 * jitter is drawn from a fixed random, so waits are exact.
 */
export function testClient(
  models: Record<string, LanguageModelV3>,
  options: {
    retry?: Partial<RetryPolicy>;
    tiers?: Record<string, string[]>;
    extra?: Partial<ModelClientOptions>;
    clock?: Clock & ManualClock;
    /** Sets `models.cache.enabled`. */
    cacheEnabled?: boolean;
  } = {},
): TestClient {
  const config = modelsSchema.parse({
    retry: options.retry ?? {},
    tiers: options.tiers ?? {},
    cache: { enabled: options.cacheEnabled ?? false },
  });
  const clock = options.clock ?? new ManualClock();
  const cooldown = new CooldownTracker(config.retry.cooldown, clock);
  const { sleep, waits } = recordingSleep();
  const attemptsSeen: ModelAttempt[] = [];
  const client = createModelClient({
    models: config,
    languageModel: (modelId) => {
      const model = models[modelId];
      if (model === undefined) throw new Error(`no test model ${modelId}`);
      return model;
    },
    resolveCandidates: (model) => {
      if (model?.startsWith("tier:") === true) return config.tiers[model.slice(5)] ?? [];
      return model === undefined ? [] : [model];
    },
    clock,
    sleep,
    random: () => 0.5,
    cooldown,
    onAttempt: (attempt) => attemptsSeen.push(attempt),
    ...options.extra,
  });
  return { client, waits, attemptsSeen, cooldown, clock };
}

/** A one-message user prompt. */
export const hello = {
  prompt: [{ role: "user" as const, content: [{ type: "text" as const, text: "hello" }] }],
};

/** The outcome and model of each attempt, compactly, for `toEqual`. */
export function timeline(attempts: ModelAttempt[]): string[] {
  return attempts.map(
    (attempt) =>
      `${attempt.number} ${attempt.modelId} ${attempt.outcome}${attempt.error === undefined ? "" : ` ${attempt.error.code}`}`,
  );
}

/** Resolves with the rejection of `promise` (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}
