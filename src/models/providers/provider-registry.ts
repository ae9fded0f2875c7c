import type { LanguageModelV3 } from "@ai-sdk/provider";
import { GantryError, type ModelsConfig, type ProviderKind } from "../../core/index.js";
import type { ConfiguredModel } from "../configured-models.js";
import { createSimProvider, type SimProvider, type SimProviderSettings } from "../sim/sim-provider.js";
import { createProviderModelFactory, type ProviderModelFactory } from "./create-provider-model-factory.js";
import { parseModelId, parseModelReference } from "./parse-model-id.js";
import type { Availability } from "./provider-availability.js";
import { type ProviderDefinition, providerDefinitions } from "./provider-definitions.js";
import {
  modelsConfigError,
  providerUnavailableError,
  unknownProviderError,
  unknownTierError,
} from "./registry-errors.js";
import {
  type ModelsConfigReport,
  modelAvailability,
  validateModelsConfig,
} from "./validate-models-config.js";

export interface ProviderRegistryOptions {
  /** The workspace's `models` config (parsed, defaults applied). */
  models: ModelsConfig;
  /** Where keys and base URLs are read from; pass `process.env` in production, a plain object in tests. */
  env: Record<string, string | undefined>;
  /** Sim scenario paths are relative to it. */
  workspaceRoot: string;
  /** Merged over `models.sim`: e.g. an injected `sleep` or `clock` for tests. */
  sim?: SimProviderSettings;
  /** The HTTP client providers use; the global fetch when omitted. */
  fetch?: typeof globalThis.fetch;
}

/** A model the config names, with its provider's kind and whether it can be called now. */
export interface ListedModel extends ConfiguredModel {
  /** Undefined when the provider is unknown. */
  kind: ProviderKind | undefined;
  availability: Availability;
}

/** The providers a workspace can call and the models and tiers its config names. */
export interface ProviderRegistry {
  /** The language model for `provider:model`; throws for unknown providers and missing keys. */
  languageModel(modelId: string): LanguageModelV3;
  /**
   * Ordered usable candidates: `tier:<name>` gives the tier's candidates minus unusable ones,
   * `provider:model` gives itself, undefined gives the config default (which may be a tier).
   */
  resolve(modelOrTier?: string): string[];
  availability(modelId: string): Availability;
  /** Every known provider (built-in and configured), by name. */
  providers(): ProviderDefinition[];
  /** Checks the config against providers and the environment; computed once. */
  validate(): ModelsConfigReport;
  /** Throws MODEL_CONFIG_INVALID when `validate()` found errors; returns the report (with warnings) otherwise. */
  assertUsable(): ModelsConfigReport;
  /** The default, every tier candidate and `sim:default`, with availability. */
  listModels(): ListedModel[];
  /** The registry's one sim provider (scenarios load once and its models keep their random state). */
  sim(): SimProvider;
}

/** Builds the provider registry for a workspace: built-in providers, configured ones, and the sim. */
export function createProviderRegistry(options: ProviderRegistryOptions): ProviderRegistry {
  const { models, env } = options;
  const definitions = providerDefinitions(models, env);
  let simProvider: SimProvider | undefined;
  const sim = () => {
    simProvider ??= createSimProvider({
      ...models.sim,
      workspaceRoot: options.workspaceRoot,
      ...options.sim,
    });
    return simProvider;
  };
  const factories = new Map<string, ProviderModelFactory>();
  const languageModels = new Map<string, LanguageModelV3>();
  const availability = (modelId: string) => modelAvailability(modelId, definitions, env);
  let report: ModelsConfigReport | undefined;
  const validate = () => {
    report ??= validateModelsConfig(models, definitions, availability);
    return report;
  };

  const usableModel = (modelId: string): { provider: string; model: string } => {
    const parsed = parseModelId(modelId);
    const definition = definitions.get(parsed.provider);
    if (!definition) throw unknownProviderError(modelId, parsed.provider, [...definitions.keys()]);
    const state = availability(modelId);
    if (!state.ok) throw providerUnavailableError(modelId, state);
    return parsed;
  };

  const languageModel = (modelId: string): LanguageModelV3 => {
    const cached = languageModels.get(modelId);
    if (cached) return cached;
    if (modelId.startsWith("tier:")) {
      throw new GantryError({
        code: "MODEL_ID_INVALID",
        message: `languageModel() needs a provider:model id, got the tier reference ${JSON.stringify(modelId)}`,
        domain: "MODEL",
        category: "SYSTEM",
        details: { modelId },
        hint: "Resolve tiers to candidates with registry.resolve() first.",
      });
    }
    const { provider, model } = usableModel(modelId);
    let factory = factories.get(provider);
    if (!factory) {
      factory = createProviderModelFactory(
        definitions.get(provider) as ProviderDefinition,
        env,
        sim,
        options.fetch,
      );
      factories.set(provider, factory);
    }
    const created = factory(model);
    languageModels.set(modelId, created);
    return created;
  };

  const resolve = (modelOrTier?: string): string[] => {
    const reference = modelOrTier ?? models.default;
    const parsed = parseModelReference(reference);
    if (parsed.kind === "model") {
      usableModel(reference);
      return [reference];
    }
    if (!Object.hasOwn(models.tiers, parsed.tier)) {
      throw unknownTierError(parsed.tier, Object.keys(models.tiers));
    }
    const tier = validate().tiers[parsed.tier];
    if (!tier || tier.usable.length === 0) {
      const tierReport = validate().errors.find((error) => error.path === `models.tiers.${parsed.tier}`);
      throw modelsConfigError(tierReport ? [tierReport] : [], []);
    }
    return [...tier.usable];
  };

  const listModels = (): ListedModel[] => {
    const ids = new Set<string>();
    if (!models.default.startsWith("tier:")) ids.add(models.default);
    for (const candidates of Object.values(models.tiers)) for (const id of candidates) ids.add(id);
    ids.add("sim:default");
    return [...ids].map((id) => {
      const colon = id.indexOf(":");
      const provider = colon > 0 ? id.slice(0, colon) : "unknown";
      return {
        id,
        provider,
        kind: definitions.get(provider)?.kind,
        default: id === models.default,
        tiers: Object.entries(models.tiers)
          .filter(([, candidates]) => candidates.includes(id))
          .map(([tier]) => tier),
        availability: availability(id),
      };
    });
  };

  return {
    languageModel,
    resolve,
    availability,
    providers: () => [...definitions.values()],
    validate,
    assertUsable: () => {
      const current = validate();
      if (!current.ok) throw modelsConfigError(current.errors, current.warnings);
      return current;
    },
    listModels,
    sim,
  };
}
