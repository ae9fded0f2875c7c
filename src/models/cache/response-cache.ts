import type { LanguageModelV3Content, LanguageModelV3FinishReason } from "@ai-sdk/provider";
import { type Clock, isoNow, type JsonValue, systemClock } from "../../core/index.js";
import type { Store } from "../../store/index.js";
import type { ModelCallResult, NormalisedUsage, RouteDecision } from "../model-call-spec.js";
import { jsonSafe } from "./json-safe.js";

export interface ResponseCacheOptions {
  store: Pick<Store, "responseCache">;
  clock?: Clock;
  /** Default lifetime of an entry (`models.cache.ttlSeconds`). */
  ttlSeconds: number;
}

/** The opt-in exact-match response cache (keys from `responseCacheKey`). */
export interface StoreResponseCache {
  /** The cached result, or undefined on a miss or once expired. A hit is `cached: true`, costs 0, has no attempts. */
  get(key: string): Promise<ModelCallResult | undefined>;
  /**
   * Stores a successful, complete result. Silently skipped: results that finished with `error`, and
   * results that are themselves cache hits (re-storing would stretch the TTL).
   */
  set(key: string, value: ModelCallResult, ttlSeconds?: number): Promise<void>;
  /** Deletes expired entries; returns how many. Expired entries are never served either way. */
  purgeExpired(): Promise<number>;
}

// What an entry holds. Cost and attempts are the original call's and are not replayed; the route
// is kept minus its functions (a cascade's validator).
interface StoredResult {
  format: 1;
  modelId: string;
  content: LanguageModelV3Content[];
  finishReason: LanguageModelV3FinishReason;
  usage: NormalisedUsage;
  route: RouteDecision;
  responseId?: string;
  providerMetadata?: Record<string, unknown>;
}

/** A cache over the store's `response_cache` table; time comes from `clock` so TTLs are testable. */
export function createResponseCache(options: ResponseCacheOptions): StoreResponseCache {
  const clock = options.clock ?? systemClock;
  const repository = options.store.responseCache;
  return {
    async get(key) {
      const entry = await repository.get(key, isoNow(clock));
      if (entry === undefined || !isStoredResult(entry.value)) return undefined;
      const stored = entry.value as unknown as StoredResult;
      const result: ModelCallResult = {
        modelId: stored.modelId,
        content: stored.content,
        finishReason: stored.finishReason,
        usage: stored.usage,
        // A hit calls no provider, so it costs nothing; `reported` because that is a fact, not a price lookup.
        cost: { micros: 0, source: "reported" },
        attempts: [],
        route: stored.route,
        cached: true,
      };
      if (stored.responseId !== undefined) result.responseId = stored.responseId;
      if (stored.providerMetadata !== undefined) result.providerMetadata = stored.providerMetadata;
      return result;
    },

    async set(key, value, ttlSeconds = options.ttlSeconds) {
      if (value.cached || value.finishReason.unified === "error") return;
      const now = clock.now();
      const stored = {
        format: 1,
        modelId: value.modelId,
        content: value.content,
        finishReason: value.finishReason,
        usage: value.usage,
        route: value.route,
        responseId: value.responseId,
        providerMetadata: value.providerMetadata,
      } satisfies StoredResult;
      await repository.put({
        key,
        modelId: value.modelId,
        value: jsonSafe(stored),
        createdAt: new Date(now).toISOString(),
        expiresAt: new Date(now + ttlSeconds * 1000).toISOString(),
      });
    },

    purgeExpired: () => repository.deleteExpired(isoNow(clock)),
  };
}

// An entry written by a different format (or by hand) is a miss, never a malformed result.
function isStoredResult(value: JsonValue): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return value.format === 1 && typeof value.modelId === "string" && Array.isArray(value.content);
}
