// Gantry provider names LiteLLM spells otherwise, as a key prefix and as `litellm_provider`
// (Google AI Studio is `gemini/…` with `litellm_provider: "gemini"`).
const litellmNames: Readonly<Record<string, readonly string[]>> = {
  google: ["gemini"],
};

/** A Gantry model id taken apart: `anthropic:claude-sonnet-4-5@2025` → provider, model, version. */
export interface ParsedModelId {
  provider: string | undefined;
  model: string;
  /** The id without its `@version` suffix, when it had one (`sim:default@2026-06` → `sim:default`). */
  unversioned: string | undefined;
}

/** Splits `provider:model[@version]`; an id without `:` is a bare model name. */
export function parseModelId(modelId: string): ParsedModelId {
  const colon = modelId.indexOf(":");
  const provider = colon > 0 ? modelId.slice(0, colon) : undefined;
  const model = colon > 0 ? modelId.slice(colon + 1) : modelId;
  const at = model.lastIndexOf("@");
  const unversioned = at > 0 ? modelId.slice(0, modelId.length - (model.length - at)) : undefined;
  return { provider, model, unversioned };
}

/** Keys a LiteLLM-format file may use for a model, most specific first; bare names last. */
export function qualifiedKeys(modelId: string): string[] {
  const { provider, model } = parseModelId(modelId);
  if (provider === undefined) return [model];
  const prefixes = [provider, ...(litellmNames[provider] ?? [])];
  return [modelId, ...prefixes.map((prefix) => `${prefix}/${model}`)];
}

/**
 * Whether an entry found under the bare model name belongs to this provider: bare LiteLLM names
 * (`gpt-4o`, `claude-sonnet-4-5-20250929`) are unique per provider, but checking `litellm_provider`
 * keeps, say, a Vertex entry from pricing a call to another host. A configured provider of kind
 * `openai` or `anthropic` (say `claude-eu`) speaks for that provider's models.
 */
export function bareKeyBelongsTo(
  provider: string | undefined,
  litellmProvider: string | undefined,
  providerKind?: string,
): boolean {
  if (provider === undefined || litellmProvider === undefined) return true;
  if (litellmProvider === provider || (litellmNames[provider] ?? []).includes(litellmProvider)) return true;
  return (providerKind === "openai" || providerKind === "anthropic") && litellmProvider === providerKind;
}
