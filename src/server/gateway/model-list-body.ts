import type { ModelListing } from "../../models/index.js";

/** One entry of OpenAI's `GET /v1/models` list, with Gantry's facts under `x_gantry`. */
export interface OpenAiModelEntry {
  id: string;
  object: "model";
  created: number;
  owned_by: string;
  x_gantry: Pick<ModelListing, "kind" | "tiers" | "available"> & { candidates?: string[]; reason?: string };
}

/** The workspace's models and tiers (`tier:small`) in OpenAI's list shape; tiers are owned by `gantry`. */
export function modelListBody(
  models: readonly ModelListing[],
  createdSeconds: number,
): { object: "list"; data: OpenAiModelEntry[] } {
  return {
    object: "list",
    data: models.map((model) => ({
      id: model.id,
      object: "model",
      created: createdSeconds,
      owned_by: model.kind === "tier" ? "gantry" : model.provider,
      x_gantry: {
        kind: model.kind,
        tiers: model.tiers,
        available: model.available,
        ...(model.candidates ? { candidates: model.candidates } : {}),
        ...(model.unavailableReason ? { reason: model.unavailableReason } : {}),
      },
    })),
  };
}
