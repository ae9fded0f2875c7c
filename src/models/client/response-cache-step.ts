import { canonicalJson, type ModelsConfig, sha256Hex } from "../../core/index.js";
import type { ModelCallResult, ModelRequest, RouteDecision } from "../model-call-spec.js";
import { callOptionsOf, type ModelClientOptions } from "./model-client-options.js";

/** The response cache as one request sees it: off, or on with its key. */
export interface CacheStep {
  lookup(): Promise<ModelCallResult | undefined>;
  store(result: ModelCallResult): void;
}

const off: CacheStep = { lookup: async () => undefined, store: () => undefined };

/**
 * The cache step for one request: on when a cache is wired in, `models.cache.enabled` is true and
 * the request did not ask for `noCache`. The cache is best-effort: a failing read is a miss and a
 * failing write is ignored, so it can never fail a model call.
 */
export function cacheStepFor(
  request: ModelRequest,
  route: RouteDecision,
  options: Pick<ModelClientOptions, "cache" | "cacheKey"> & { models: ModelsConfig },
): CacheStep {
  const cache = options.cache;
  if (cache === undefined || !options.models.cache.enabled || request.noCache === true) return off;
  const modelIds = [...route.candidates, ...(route.escalateCandidates ?? [])];
  let key: string;
  try {
    key = options.cacheKey?.(request, modelIds) ?? defaultCacheKey(request, modelIds);
  } catch {
    return off; // a prompt that has no canonical JSON form is simply not cached
  }
  return {
    lookup: async () => {
      try {
        return await cache.get(key);
      } catch {
        return undefined;
      }
    },
    store: (result) => {
      if (result.finishReason.unified === "error") return;
      const stored: ModelCallResult = { ...result, attempts: [], cached: false };
      cache.set(key, stored, options.models.cache.ttlSeconds).catch(() => undefined);
    },
  };
}

/**
 * A cache hit as this request returns it: no provider was called, so cost is 0 (reported) and there
 * are no attempts; usage stays the original call's (what the answer took), as the cache module stores it.
 */
export function cachedResult(hit: ModelCallResult, route: RouteDecision): ModelCallResult {
  return {
    ...hit,
    cost: { micros: 0, source: "reported" },
    attempts: [],
    route,
    cached: true,
  };
}

function defaultCacheKey(request: ModelRequest, modelIds: string[]): string {
  const { abortSignal: _abortSignal, headers: _headers, ...options } = callOptionsOf(request);
  return sha256Hex(canonicalJson({ modelIds, options }));
}
