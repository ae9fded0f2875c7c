// Providers: built-in and configured AI SDK providers, model ids, tiers and the start-up check.
export {
  type ModelReference,
  type ParsedModelId,
  parseModelId,
  parseModelReference,
} from "./parse-model-id.js";
export type { Availability } from "./provider-availability.js";
export { builtInProviders, type ProviderDefinition } from "./provider-definitions.js";
export {
  createProviderRegistry,
  type ListedModel,
  type ProviderRegistry,
  type ProviderRegistryOptions,
} from "./provider-registry.js";
export type { DroppedCandidate, ModelsConfigFinding, ModelsConfigReport } from "./validate-models-config.js";
