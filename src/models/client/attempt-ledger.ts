import type { Clock } from "../../core/index.js";
import type { AttemptError, CallCost, ModelAttempt, NormalisedUsage } from "../model-call-spec.js";
import type { CooldownEffect } from "./classify-attempt-error.js";
import type { CooldownTracker } from "./cooldown-tracker.js";

/** How an open attempt ended. */
export type AttemptEnding =
  | { outcome: "success"; usage?: NormalisedUsage; cost?: CallCost; warnings?: string[] }
  | {
      outcome: "error" | "aborted";
      error: AttemptError;
      cooldown: CooldownEffect;
      usage?: NormalisedUsage;
      cost?: CallCost;
      warnings?: string[];
    };

/** One attempt that has started and not yet been recorded (a committed stream stays open until it ends). */
export interface OpenAttempt {
  readonly number: number;
  readonly modelId: string;
  readonly provider: string;
  readonly startedAt: number;
  /** Records the attempt (once; later calls are ignored) and tells the cooldown tracker. */
  finish(ending: AttemptEnding): ModelAttempt;
}

/**
 * Every attempt of one request, across retries, fallbacks and both phases of a cascade, and the one
 * cap on them: `maxAttempts` real calls. Skipped candidates and models that could not even be built
 * are recorded but not counted, since neither reached a provider.
 */
export class AttemptLedger {
  readonly attempts: ModelAttempt[] = [];
  private numbersGiven = 0;
  private realCalls = 0;

  constructor(
    readonly maxAttempts: number,
    private readonly clock: Clock,
    private readonly cooldown: CooldownTracker,
    private readonly onAttempt?: (attempt: ModelAttempt) => void,
  ) {}

  /** Real calls made so far. */
  get realAttempts(): number {
    return this.realCalls;
  }

  /** True when the cap allows another real call. */
  canCall(): boolean {
    return this.realCalls < this.maxAttempts;
  }

  /** Starts a real call of `modelId`, counted against the cap. */
  open(modelId: string, waitedMs: number): OpenAttempt {
    this.realCalls += 1;
    const number = ++this.numbersGiven;
    const startedAt = this.clock.now();
    const provider = providerOf(modelId);
    let recorded: ModelAttempt | undefined;
    return {
      number,
      modelId,
      provider,
      startedAt,
      finish: (ending) => {
        if (recorded !== undefined) return recorded;
        const durationMs = this.clock.now() - startedAt;
        recorded = { number, modelId, provider, startedAt, durationMs, waitedMs, outcome: ending.outcome };
        if (ending.outcome !== "success") recorded.error = ending.error;
        if (ending.usage !== undefined) recorded.usage = ending.usage;
        if (ending.cost !== undefined) recorded.cost = ending.cost;
        if (ending.warnings !== undefined && ending.warnings.length > 0) recorded.warnings = ending.warnings;
        if (ending.outcome === "success") this.cooldown.record(modelId, false);
        else if (ending.cooldown === "count") this.cooldown.record(modelId, true);
        else if (ending.cooldown === "now") this.cooldown.coolDown(modelId, undefined, ending.error.code);
        this.add(recorded);
        return recorded;
      },
    };
  }

  /** Records a candidate that was not called (cooling down, or its model could not be built). */
  recordNotCalled(modelId: string, outcome: "skipped-cooldown" | "error", error: AttemptError): ModelAttempt {
    const attempt: ModelAttempt = {
      number: ++this.numbersGiven,
      modelId,
      provider: providerOf(modelId),
      startedAt: this.clock.now(),
      durationMs: 0,
      waitedMs: 0,
      outcome,
      error,
    };
    this.add(attempt);
    return attempt;
  }

  private add(attempt: ModelAttempt): void {
    this.attempts.push(attempt);
    this.attempts.sort((first, second) => first.number - second.number);
    try {
      this.onAttempt?.(attempt);
    } catch {
      // Telemetry must never change the outcome of a model call.
    }
  }
}

/** The configured provider name of a `provider:model` id (`groq` for `groq:llama-3`), as users name it. */
export function providerOf(modelId: string): string {
  const colon = modelId.indexOf(":");
  return colon > 0 ? modelId.slice(0, colon) : "unknown";
}
