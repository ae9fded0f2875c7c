import { GantryError } from "../../core/index.js";

/** A `provider:model` id split at its first colon. */
export interface ParsedModelId {
  /** The id as given, e.g. `ollama:llama3.2:3b`. */
  id: string;
  provider: string;
  /**
   * Everything after the first colon, passed to the provider untouched: Ollama tags (`llama3.2:3b`),
   * OpenRouter paths (`anthropic/claude-sonnet-4.5`) and sim versions (`default@2026-06`) all survive.
   */
  model: string;
}

/** A reference to a model as config and requests write it: a tier or one model. */
export type ModelReference = { kind: "tier"; tier: string } | ({ kind: "model" } & ParsedModelId);

const tierPrefix = "tier:";
const providerPattern = /^[a-z][a-z0-9-]*$/;

/** Parses `provider:model`; a missing provider, colon or model name is a user error naming the id. */
export function parseModelId(id: string): ParsedModelId {
  const colon = id.indexOf(":");
  const provider = colon === -1 ? "" : id.slice(0, colon);
  const model = colon === -1 ? "" : id.slice(colon + 1);
  if (!providerPattern.test(provider) || model.trim() === "" || model !== model.trim()) {
    throw new GantryError({
      code: "MODEL_ID_INVALID",
      message: `Invalid model id ${JSON.stringify(id)}: expected provider:model, e.g. openai:gpt-4.1-mini`,
      domain: "MODEL",
      category: "USER",
      details: { modelId: id },
      hint: "Write model ids as <provider>:<model> (openai:gpt-4.1-mini, anthropic:claude-sonnet-4-5, sim:default) or name a tier as tier:<name>.",
    });
  }
  return { id, provider, model };
}

/** Parses a model reference: `tier:<name>` names a tier, anything else must be `provider:model`. */
export function parseModelReference(reference: string): ModelReference {
  if (reference.startsWith(tierPrefix)) {
    const tier = reference.slice(tierPrefix.length);
    if (tier.trim() === "") return { kind: "model", ...parseModelId(reference) };
    return { kind: "tier", tier };
  }
  return { kind: "model", ...parseModelId(reference) };
}
