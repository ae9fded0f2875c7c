import type { ModelsConfig } from "../../core/index.js";
import { parseModelId, parseModelReference } from "./parse-model-id.js";
import { type Availability, providerAvailability } from "./provider-availability.js";
import type { ProviderDefinition } from "./provider-definitions.js";

/** One thing wrong (or worth knowing) about `models`; `path` points into the config. */
export interface ModelsConfigFinding {
  /** Config path, e.g. `models.tiers.small[0]`, `models.default`, `models.routing.rules[1].tier`. */
  path: string;
  message: string;
  tier?: string;
  modelId?: string;
  provider?: string;
  /** The environment variable whose absence causes this, when there is one. */
  missingVariable?: string;
}

/** A candidate left out of its tier, and why. */
export interface DroppedCandidate {
  modelId: string;
  /** Where it is listed, e.g. `models.tiers.large[1]`. */
  path: string;
  reason: Exclude<Availability, { ok: true }>["reason"];
  message: string;
  missingVariable?: string;
}

/** The outcome of checking `models` against the providers and the environment. */
export interface ModelsConfigReport {
  /** True when nothing in `errors`: every tier and the default have a usable model. */
  ok: boolean;
  errors: ModelsConfigFinding[];
  /** Usable, but degraded: e.g. a tier fallback that lacks its key and is skipped. */
  warnings: ModelsConfigFinding[];
  /** Per tier: the candidates `resolve()` returns, in order, and those left out. */
  tiers: Record<string, { usable: string[]; dropped: DroppedCandidate[] }>;
}

type AvailabilityOf = (modelId: string) => Availability;

/** Availability of a model id against the provider definitions, including invalid ids and unknown providers. */
export function modelAvailability(
  modelId: string,
  definitions: ReadonlyMap<string, ProviderDefinition>,
  env: Record<string, string | undefined>,
): Availability {
  let provider: string;
  try {
    provider = parseModelId(modelId).provider;
  } catch (error) {
    return { ok: false, reason: "invalid-id", message: (error as Error).message };
  }
  const definition = definitions.get(provider);
  if (!definition) {
    return {
      ok: false,
      reason: "unknown-provider",
      message: `unknown provider '${provider}' in '${modelId}'; known providers: ${[...definitions.keys()].sort().join(", ")}`,
    };
  }
  return providerAvailability(modelId, definition, env);
}

const quote = (text: string) => `'${text}'`;

/**
 * Checks every model id the config names (default, tier candidates) and every tier that routing
 * refers to. An unknown provider or invalid id is an error wherever it appears; a tier is an error
 * only when none of its candidates is usable, otherwise its unusable candidates are warnings.
 */
export function validateModelsConfig(
  models: ModelsConfig,
  definitions: ReadonlyMap<string, ProviderDefinition>,
  availabilityOf: AvailabilityOf,
): ModelsConfigReport {
  const errors: ModelsConfigFinding[] = [];
  const warnings: ModelsConfigFinding[] = [];
  const tiers: ModelsConfigReport["tiers"] = {};
  const knownTiers = Object.keys(models.tiers);
  const tierList = knownTiers.length === 0 ? "none are configured" : knownTiers.map(quote).join(", ");

  for (const [name, definition] of definitions) {
    if (
      definition.configured &&
      definition.kind === "openai-compatible" &&
      definition.baseURL === undefined
    ) {
      errors.push({
        path: `models.providers.${name}.baseURL`,
        provider: name,
        message: `models.providers.${name}.baseURL: an openai-compatible provider needs the server's API root, e.g. https://api.groq.com/openai/v1`,
      });
    }
  }

  for (const [tier, candidates] of Object.entries(models.tiers)) {
    const usable: string[] = [];
    const dropped: DroppedCandidate[] = [];
    candidates.forEach((modelId, index) => {
      const path = `models.tiers.${tier}[${index}]`;
      const availability: Availability = modelId.startsWith("tier:")
        ? {
            ok: false,
            reason: "invalid-id",
            message: `${quote(modelId)} names a tier; tier candidates must be provider:model ids`,
          }
        : availabilityOf(modelId);
      if (availability.ok) {
        usable.push(modelId);
        return;
      }
      const { missingVariable, reason, message } = availability;
      dropped.push({ modelId, path, reason, message, ...(missingVariable ? { missingVariable } : {}) });
      // A wrong id or provider name is a typo to fix now, even when another candidate would serve.
      if (reason === "invalid-id" || reason === "unknown-provider") {
        errors.push({ path, tier, modelId, provider: providerOf(modelId), message: `${path}: ${message}` });
      }
    });
    tiers[tier] = { usable, dropped };
    const typos = (candidate: DroppedCandidate) =>
      candidate.reason === "invalid-id" || candidate.reason === "unknown-provider";
    // When every candidate is a typo, the per-candidate errors above already say it all.
    if (usable.length === 0 && dropped.every(typos)) continue;
    if (usable.length === 0) {
      const missing = [...new Set(dropped.map((candidate) => candidate.missingVariable))].filter(
        (name) => name !== undefined,
      );
      errors.push({
        path: `models.tiers.${tier}`,
        tier,
        message: `tier ${quote(tier)} has no usable model: ${dropped.map((candidate) => candidate.message).join("; ")}`,
        ...(missing.length > 0 ? { missingVariable: missing.join(", ") } : {}),
      });
      continue;
    }
    for (const candidate of dropped) {
      if (typos(candidate)) continue;
      warnings.push({
        path: candidate.path,
        tier,
        modelId: candidate.modelId,
        message: `tier ${quote(tier)} skips ${candidate.message}; it still has ${usable.join(", ")}`,
        ...(candidate.missingVariable ? { missingVariable: candidate.missingVariable } : {}),
      });
    }
  }

  const reference = checkReference(models.default, "models.default", models, tierList, availabilityOf);
  if (reference) errors.push(reference);

  const routing = models.routing;
  const tierReferences: Array<[string, string]> = [
    ...routing.rules.map((rule, index): [string, string] => [
      `models.routing.rules[${index}].tier`,
      rule.tier,
    ]),
    ...routing.content.map((rule, index): [string, string] => [
      `models.routing.content[${index}].tier`,
      rule.tier,
    ]),
    ...routing.cascade.flatMap(
      (cascade, index): Array<[string, string]> => [
        [`models.routing.cascade[${index}].from`, cascade.from],
        [`models.routing.cascade[${index}].to`, cascade.to],
      ],
    ),
  ];
  for (const [path, tier] of tierReferences) {
    const name = tier.startsWith("tier:") ? tier.slice("tier:".length) : tier;
    if (!Object.hasOwn(models.tiers, name)) {
      errors.push({
        path,
        tier: name,
        message: `${path}: unknown tier ${quote(name)}; configured tiers: ${tierList}`,
      });
    }
  }
  return { ok: errors.length === 0, errors, warnings, tiers };
}

function providerOf(modelId: string): string | undefined {
  const colon = modelId.indexOf(":");
  return colon > 0 ? modelId.slice(0, colon) : undefined;
}

// The default may be a tier (then the tier check above covers its models) or one model id.
function checkReference(
  reference: string,
  path: string,
  models: ModelsConfig,
  tierList: string,
  availabilityOf: AvailabilityOf,
): ModelsConfigFinding | undefined {
  let parsed: ReturnType<typeof parseModelReference>;
  try {
    parsed = parseModelReference(reference);
  } catch (error) {
    return { path, modelId: reference, message: `${path}: ${(error as Error).message}` };
  }
  if (parsed.kind === "tier") {
    if (Object.hasOwn(models.tiers, parsed.tier)) return undefined;
    return {
      path,
      tier: parsed.tier,
      message: `${path}: unknown tier ${quote(parsed.tier)}; configured tiers: ${tierList}`,
    };
  }
  const availability = availabilityOf(reference);
  if (availability.ok) return undefined;
  const detail =
    availability.reason === "unknown-provider" || availability.reason === "invalid-id"
      ? availability.message
      : `default model ${quote(reference)} is not usable: ${availability.message}`;
  return {
    path,
    modelId: reference,
    provider: parsed.provider,
    message: `${path}: ${detail}`,
    ...(availability.missingVariable ? { missingVariable: availability.missingVariable } : {}),
  };
}
