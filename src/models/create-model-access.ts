import type { ModelClient } from "./model-call-spec.js";

/** One model or tier a workspace can name, as `gantry models list` and `GET /v1/models` show it. */
export interface ModelListing {
  /** `provider:model`, or `tier:<name>` for a tier. */
  id: string;
  kind: "model" | "tier";
  /** The provider's name; `gantry` for tiers. */
  provider: string;
  /** Tiers that list this model (for a tier: itself). */
  tiers: string[];
  /** For a tier: its candidates in order. */
  candidates?: string[];
  /** Whether a call could be made now (provider known, key and base URL present). */
  available: boolean;
  /** Why not, naming the missing variable or setting. */
  unavailableReason?: string;
}

/** Everything that calls models, built once per process: `gantry up`, the gateway and `gantry models`. */
export interface ModelAccess {
  client: ModelClient;
  listModels(): ModelListing[];
}
