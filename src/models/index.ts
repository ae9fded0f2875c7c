// The models module's only entry point. Today it holds the sim model and the configured-model list;
// providers, the catalog, prices and tier routing join here later.

export * from "./cache/index.js";
export * from "./client/index.js";
export { type ConfiguredModel, configuredModels } from "./configured-models.js";
export {
  type CreateModelAccessOptions,
  createModelAccess,
  type ModelAccess,
  type ModelListing,
} from "./create-model-access.js";
export type * from "./model-call-spec.js";
export * from "./pricing/index.js";
export * from "./providers/index.js";
export * from "./routing/index.js";
export * from "./sim/index.js";
