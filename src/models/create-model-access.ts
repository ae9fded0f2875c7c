import type { SharedV3ProviderMetadata } from "@ai-sdk/provider";
import type { Clock, Workspace } from "../core/index.js";
import type { Store } from "../store/index.js";
import type { Telemetry } from "../telemetry/index.js";
import { createResponseCache } from "./cache/response-cache.js";
import { responseCacheKey } from "./cache/response-cache-key.js";
import { providerOf } from "./client/attempt-ledger.js";
import { createModelClient } from "./client/create-model-client.js";
import type { ResponseCache } from "./client/model-client-options.js";
import { createKeepAliveFetch, type FetchFunction } from "./keep-alive-fetch.js";
import type { ModelAttempt, ModelClient, ModelRequest } from "./model-call-spec.js";
import { costOfCall } from "./pricing/cost-of-call.js";
import { estimateRequestCost } from "./pricing/estimate-request-cost.js";
import { loadPriceCatalog, type PriceCatalog } from "./pricing/price-catalog.js";
import { createProviderRegistry, type ProviderRegistry } from "./providers/provider-registry.js";
import { createRouter } from "./routing/create-router.js";
import type { SimProviderSettings } from "./sim/sim-provider.js";
import { loadTokenCounter } from "./sim/token-counter.js";
import { tracedModelClient } from "./traced-model-client.js";

/** One model or tier a workspace can name, as `gantry models list` and `GET /v1/models` show it. */
export interface ModelListing {
  /** `provider:model`, or `tier:<name>` for a tier. */
  id: string;
  kind: "model" | "tier";
  /** The provider's name; `gantry` for tiers. */
  provider: string;
  /** Tiers that list this model (for a tier: itself). */
  tiers: string[];
  /** For a tier: the candidates a call tries, in order (unusable ones left out). */
  candidates?: string[];
  /** True for the workspace's `models.default`. */
  default: boolean;
  /** Whether a call could be made now (provider known, key and base URL present). */
  available: boolean;
  /** Why not, naming the missing variable or setting. */
  unavailableReason?: string;
}

/** Everything that calls models, built once per process: `gantry up`, the gateway and `gantry models`. */
export interface ModelAccess {
  client: ModelClient;
  registry: ProviderRegistry;
  catalog: PriceCatalog;
  /** Every model the config names, then every tier as `tier:<name>`. */
  listModels(): ModelListing[];
  /**
   * The most a request can cost in micro-USD, for budget reservations: its prompt tokens (o200k_base)
   * plus `maxOutputTokens` (else the default) at the dearest candidate's price; null when unpriced.
   */
  estimateCost(request: ModelRequest): Promise<number | null>;
}

export interface CreateModelAccessOptions {
  workspace: Workspace;
  /** Holds the response cache (used when `models.cache.enabled`); without it nothing is cached. */
  store?: Pick<Store, "responseCache">;
  /** Where provider keys and base URLs are read from: `process.env` in production, an object in tests. */
  env: Record<string, string | undefined>;
  clock?: Clock;
  /** Merged over `models.sim`, e.g. an injected sleep for tests. */
  sim?: SimProviderSettings;
  /** Called as each attempt ends, for traces. */
  onAttempt?: (attempt: ModelAttempt) => void;
  /**
   * false skips the start-up check, for commands that report on a broken config (`gantry models
   * list` shows what is unavailable and why); calls still fail for unusable models.
   */
  validate?: boolean;
  /** When given, every call is a `chat {model}` span with usage, cost and attempts. */
  telemetry?: Telemetry;
  /** The HTTP client for provider calls; a keep-alive node:http fetch when omitted (see keep-alive-fetch.ts). */
  fetch?: FetchFunction;
  /** Output tokens `estimateCost` reserves for a request without `maxOutputTokens`; default `budgets.defaultMaxOutputTokens` (4096). */
  defaultMaxOutputTokens?: number;
}

/**
 * Builds the workspace's model access: provider registry, price catalog, router, response cache and
 * the client over them. Validates at once — a tier whose only candidate lacks its key, an unknown
 * provider, a bad price file or routing config, a sim scenario that does not parse — and throws the
 * USER-category error naming the tier and the missing variable, so start-up fails instead of the
 * first request.
 */
export async function createModelAccess(options: CreateModelAccessOptions): Promise<ModelAccess> {
  const { workspace, env, clock } = options;
  const models = workspace.config.models;
  const registry = createProviderRegistry({
    models,
    env,
    workspaceRoot: workspace.root,
    sim: { ...(clock ? { clock } : {}), ...options.sim },
    fetch: options.fetch ?? createKeepAliveFetch(),
  });
  if (options.validate !== false) registry.assertUsable();
  const catalog = loadPriceCatalog({
    workspaceRoot: workspace.root,
    prices: models.prices,
    providers: models.providers,
  });
  const router = createRouter({ models, resolveCandidates: registry.resolve });
  // Scenario files otherwise load on the first sim call: a typo in one would fail a request, not start-up.
  if (options.validate !== false && models.sim.scenarios.length > 0) await registry.sim().loadScenarios();
  const untraced = createModelClient({
    models,
    languageModel: registry.languageModel,
    resolveCandidates: registry.resolve,
    costOf: (modelId, usage, providerMetadata) =>
      costOfCall(
        catalog,
        modelId,
        providerOf(modelId),
        usage,
        providerMetadata as SharedV3ProviderMetadata | undefined,
      ),
    router,
    ...(models.cache.enabled && options.store
      ? { cache: responseCache(options.store, models.cache.ttlSeconds, clock), cacheKey: responseCacheKey }
      : {}),
    ...(clock ? { clock } : {}),
    ...(options.onAttempt ? { onAttempt: options.onAttempt } : {}),
  });
  const client = options.telemetry
    ? tracedModelClient(untraced, options.telemetry, models.default)
    : untraced;
  const defaultMaxOutputTokens =
    options.defaultMaxOutputTokens ?? workspace.config.budgets?.defaultMaxOutputTokens ?? 4096;
  const estimateCost = async (request: ModelRequest) => {
    const counter = await loadTokenCounter();
    return estimateRequestCost(request, {
      router,
      catalog,
      defaultMaxOutputTokens,
      countTokens: (text) => counter.count(text),
    });
  };
  return { client, registry, catalog, listModels: () => listModels(registry, models.default), estimateCost };
}

// The client's cache port returns nothing from `set`; the store cache says whether it stored.
function responseCache(
  store: Pick<Store, "responseCache">,
  ttlSeconds: number,
  clock: Clock | undefined,
): ResponseCache {
  const cache = createResponseCache({ store, ttlSeconds, ...(clock ? { clock } : {}) });
  return {
    get: (key) => cache.get(key),
    set: async (key, value, ttl) => {
      await cache.set(key, value, ttl);
    },
  };
}

function listModels(registry: ProviderRegistry, defaultModel: string): ModelListing[] {
  const models: ModelListing[] = registry.listModels().map((model) => ({
    id: model.id,
    kind: "model",
    provider: model.provider,
    tiers: model.tiers,
    default: model.default,
    available: model.availability.ok,
    ...(model.availability.ok ? {} : { unavailableReason: model.availability.message }),
  }));
  const report = registry.validate();
  const tiers: ModelListing[] = Object.entries(report.tiers).map(([name, tier]) => ({
    id: `tier:${name}`,
    kind: "tier",
    provider: "gantry",
    tiers: [name],
    candidates: tier.usable,
    default: defaultModel === `tier:${name}`,
    available: tier.usable.length > 0,
    ...(tier.usable.length > 0
      ? {}
      : { unavailableReason: tier.dropped.map((dropped) => dropped.message).join("; ") || "no candidates" }),
  }));
  return [...models, ...tiers];
}
