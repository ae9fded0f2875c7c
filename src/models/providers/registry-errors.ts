import { GantryError } from "../../core/index.js";
import type { Availability } from "./provider-availability.js";
import type { ModelsConfigFinding } from "./validate-models-config.js";

// Messages name env vars, never their values: a key must not reach a log, a trace or an HTTP body.

const configGuide = "docs/guides/providers.md";

function findingJson(finding: ModelsConfigFinding): Record<string, string> {
  const json: Record<string, string> = { path: finding.path, message: finding.message };
  if (finding.tier !== undefined) json.tier = finding.tier;
  if (finding.modelId !== undefined) json.modelId = finding.modelId;
  if (finding.provider !== undefined) json.provider = finding.provider;
  if (finding.missingVariable !== undefined) json.missingVariable = finding.missingVariable;
  return json;
}

/** MODEL_CONFIG_INVALID: the start-up check found models the workspace cannot call. */
export function modelsConfigError(
  errors: readonly ModelsConfigFinding[],
  warnings: readonly ModelsConfigFinding[],
): GantryError {
  const variables = [...new Set(errors.flatMap((error) => error.missingVariable?.split(", ") ?? []))];
  const hints: string[] = [];
  if (variables.length > 0)
    hints.push(
      `set ${variables.join(" and ")} in the environment or point the tier at a model you can reach`,
    );
  if (errors.some((error) => error.message.includes("unknown provider"))) {
    hints.push("add the provider under models.providers (kind, baseURL, apiKeyEnv) or fix the id's spelling");
  }
  if (hints.length === 0) hints.push("fix the listed fields in gantry.config.ts");
  const summary = errors.length === 1 ? "" : `${errors.length} problems:\n  `;
  return new GantryError({
    code: "MODEL_CONFIG_INVALID",
    message: `Invalid models configuration: ${summary}${errors.map((error) => error.message).join("\n  ")}`,
    domain: "MODEL",
    category: "USER",
    details: { problems: errors.map(findingJson), warnings: warnings.map(findingJson) },
    hint: `${hints.join("; ")}. See ${configGuide}.`.replace(/^./, (first) => first.toUpperCase()),
  });
}

/** MODEL_PROVIDER_UNKNOWN: a requested `provider:model` names no built-in or configured provider. */
export function unknownProviderError(
  modelId: string,
  provider: string,
  known: readonly string[],
): GantryError {
  return new GantryError({
    code: "MODEL_PROVIDER_UNKNOWN",
    message: `Unknown provider '${provider}' in model id '${modelId}'; known providers: ${[...known].sort().join(", ")}`,
    domain: "MODEL",
    category: "USER",
    details: { modelId, provider, knownProviders: [...known].sort() },
    hint: `Use one of the known providers, or add '${provider}' under models.providers. See ${configGuide}.`,
  });
}

/** MODEL_PROVIDER_UNAVAILABLE: the provider exists but lacks its key or base URL in this environment. */
export function providerUnavailableError(modelId: string, availability: Exclude<Availability, { ok: true }>) {
  return new GantryError({
    code: "MODEL_PROVIDER_UNAVAILABLE",
    message: `Model '${modelId}' cannot be called: ${availability.message}`,
    domain: "MODEL",
    category: "USER",
    details: {
      modelId,
      reason: availability.reason,
      ...(availability.missingVariable ? { missingVariable: availability.missingVariable } : {}),
    },
    hint: availability.missingVariable
      ? `Set ${availability.missingVariable} in the environment, or use another model.`
      : `Configure the provider in models.providers. See ${configGuide}.`,
  });
}

/** MODEL_TIER_UNKNOWN: `tier:<name>` names no configured tier. */
export function unknownTierError(tier: string, known: readonly string[]): GantryError {
  const list = known.length === 0 ? "none are configured" : known.map((name) => `'${name}'`).join(", ");
  return new GantryError({
    code: "MODEL_TIER_UNKNOWN",
    message: `Unknown tier '${tier}'; configured tiers: ${list}`,
    domain: "MODEL",
    category: "USER",
    details: { tier, knownTiers: [...known] },
    hint: `Use a configured tier, or add '${tier}' under models.tiers with its candidate models.`,
  });
}
