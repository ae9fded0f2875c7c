import { parseSimModelId, simModelFamilies } from "../sim/sim-model-id.js";
import { type ProviderDefinition, readEnv } from "./provider-definitions.js";

/** Why a model can or cannot be called right now; never contains a key's value. */
export type Availability =
  | { ok: true }
  | {
      ok: false;
      reason: "invalid-id" | "unknown-provider" | "missing-key" | "missing-base-url";
      /** A sentence naming the model and what is missing, e.g. "anthropic:claude-sonnet-4-5 needs ANTHROPIC_API_KEY". */
      message: string;
      /** The env var to set, when setting one would fix it. */
      missingVariable?: string;
    };

/** Whether `definition` can serve `modelId` given the environment: its key and base URL are present. */
export function providerAvailability(
  modelId: string,
  definition: ProviderDefinition,
  env: Record<string, string | undefined>,
): Availability {
  // The sim runs in process: nothing to reach or authenticate, but its family must exist. (Versions
  // may come from scenario files, which load later; an unknown one fails on the first call.)
  if (definition.kind === "sim") {
    try {
      parseSimModelId(modelId.slice(modelId.indexOf(":") + 1));
      return { ok: true };
    } catch {
      const families = Object.keys(simModelFamilies).join(", ");
      return {
        ok: false,
        reason: "invalid-id",
        message: `${modelId} is no sim model; sim families: ${families}`,
      };
    }
  }
  if (definition.baseURL === undefined) {
    return {
      ok: false,
      reason: "missing-base-url",
      message: `${modelId} needs models.providers.${definition.name}.baseURL (the API root of the ${definition.kind} server)`,
    };
  }
  if (definition.requiresKey && readEnv(env, definition.apiKeyEnv) === undefined) {
    const variable = definition.apiKeyEnv ?? "an API key";
    return {
      ok: false,
      reason: "missing-key",
      message: `${modelId} needs ${variable}`,
      ...(definition.apiKeyEnv === undefined ? {} : { missingVariable: definition.apiKeyEnv }),
    };
  }
  return { ok: true };
}
