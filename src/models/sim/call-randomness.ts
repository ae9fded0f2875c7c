import type { LanguageModelV3CallOptions } from "@ai-sdk/provider";
import { canonicalJson, sha256Hex } from "../../core/index.js";
import { SeededRandom, seedFrom } from "./seeded-random.js";

/** Independent random streams for one call, so turning faults on does not change the replies. */
export interface CallRandom {
  /** The derived seed, reported in provider metadata so a surprising call can be replayed. */
  callSeed: number;
  faults: SeededRandom;
  latency: SeededRandom;
  content: SeededRandom;
  chunks: SeededRandom;
  ids: SeededRandom;
}

/**
 * Derives each call's randomness from seed + hash(request) + how many times this model instance has
 * seen that same request. Unlike a global call counter, this does not depend on the order in which
 * concurrent calls with different prompts arrive; repeating one prompt still gives fresh draws.
 */
export class CallRandomness {
  private readonly seen = new Map<string, number>();

  constructor(private readonly seed: number) {}

  /** The streams for the next call with these options; `options.seed`, when given, replaces the model's seed. */
  next(options: LanguageModelV3CallOptions): CallRandom {
    const key = requestKey(options);
    const occurrence = this.seen.get(key) ?? 0;
    this.seen.set(key, occurrence + 1);
    const callSeed = seedFrom(options.seed ?? this.seed, key, occurrence);
    const stream = (name: string) => new SeededRandom(seedFrom(callSeed, name));
    return {
      callSeed,
      faults: stream("faults"),
      latency: stream("latency"),
      content: stream("content"),
      chunks: stream("chunks"),
      ids: stream("ids"),
    };
  }
}

// A hash of what the model sees of a request (abort signal, headers and provider options do not
// count); hashed so the per-request counters do not keep whole prompts alive.
function requestKey(options: LanguageModelV3CallOptions): string {
  return sha256Hex(
    canonicalJson({
      prompt: options.prompt,
      tools: options.tools ?? null,
      toolChoice: options.toolChoice ?? null,
      responseFormat: options.responseFormat ?? null,
      maxOutputTokens: options.maxOutputTokens ?? null,
      stopSequences: options.stopSequences ?? null,
    }),
  );
}
