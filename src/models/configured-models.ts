import type { GantryConfig } from "../core/index.js";

/** One model a workspace can call, as listed by `/api/v1/info` and `/v1/models`. */
export interface ConfiguredModel {
  id: string;
  provider: string;
  default: boolean;
  /** Tiers that list this model as a candidate, in config order. */
  tiers: string[];
}

/** The models a workspace's config names: its default, every tier candidate, and the embedded sim model. */
export function configuredModels(models: GantryConfig["models"]): ConfiguredModel[] {
  const ids = new Set<string>();
  if (!models.default.startsWith("tier:")) ids.add(models.default);
  for (const candidates of Object.values(models.tiers)) for (const id of candidates) ids.add(id);
  ids.add("sim:default");
  return [...ids].map((id) => ({
    id,
    provider: id.includes(":") ? id.slice(0, id.indexOf(":")) : "unknown",
    default: id === models.default,
    tiers: Object.entries(models.tiers)
      .filter(([, candidates]) => candidates.includes(id))
      .map(([tier]) => tier),
  }));
}
