import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3Usage } from "@ai-sdk/provider";
import type { Clock, ModelsConfig } from "../../core/index.js";
import type {
  CallCost,
  ModelAttempt,
  ModelCallResult,
  ModelRequest,
  NormalisedUsage,
  RouteDecision,
} from "../model-call-spec.js";
import type { Sleep } from "../sim/abortable-sleep.js";
import type { JitterMode, RandomSource } from "./backoff.js";
import type { CooldownTracker } from "./cooldown-tracker.js";

/** Prices one call: normalised usage and its cost (the pricing module's `costOfCall` fits). */
export type CostOf = (
  modelId: string,
  usage: LanguageModelV3Usage,
  providerMetadata?: unknown,
) => { usage: NormalisedUsage; cost: CallCost };

/** Picks the candidates for a request (the routing module's router fits). */
export interface ModelRouter {
  route(request: ModelRequest): Promise<RouteDecision>;
}

/** Stores answers for identical requests (the response-cache module fits). */
export interface ResponseCache {
  get(key: string): Promise<ModelCallResult | undefined>;
  set(key: string, value: ModelCallResult, ttlSeconds: number): Promise<void>;
}

/**
 * What `createModelClient` is built from. Providers, pricing, routing and the cache are injected as
 * plain functions, so the client depends on none of their modules; everything but `models`,
 * `languageModel` and `resolveCandidates` is optional.
 */
export interface ModelClientOptions {
  models: ModelsConfig;
  /** The V3 model for a `provider:model` id; may throw when the provider is not configured. */
  languageModel: (modelId: string) => LanguageModelV3;
  /** Ordered candidates for `provider:model`, `tier:<name>` or undefined (the default); used without a router. */
  resolveCandidates: (modelOrTier: string | undefined) => string[];
  /** Without it usage is normalised minimally and cost is `unknown`. */
  costOf?: CostOf;
  router?: ModelRouter;
  cache?: ResponseCache;
  /** Without it the key is the sha256 of the canonical JSON of the call options and candidate ids. */
  cacheKey?: (request: ModelRequest, modelIds: string[]) => string;
  clock?: Clock;
  /** Waits between retries; must reject with the signal's reason when it aborts. */
  sleep?: Sleep;
  /** Uniform numbers in [0, 1) for backoff jitter; `Math.random` by default. */
  random?: RandomSource;
  /** `equal` by default: a retry never comes back sooner than half its backoff. */
  jitter?: JitterMode;
  /** Deployment health; pass one to share it between clients or to inspect it. One per client otherwise. */
  cooldown?: CooldownTracker;
  /** Called as each attempt ends (skipped ones included), for traces. Its errors are ignored. */
  onAttempt?: (attempt: ModelAttempt) => void;
}

/** The V3 call options of a request, without Gantry's routing fields. */
export function callOptionsOf(request: ModelRequest): LanguageModelV3CallOptions {
  const {
    model: _model,
    taskProfile: _taskProfile,
    noCache: _noCache,
    promptRef: _promptRef,
    ...options
  } = request;
  return options;
}
