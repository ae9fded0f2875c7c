import { GantryError } from "../../core/index.js";

/** Model families the sim offers; `fast` answers the same script with about a third of the latency. */
export const simModelFamilies = {
  default: { latencyFactor: 1 },
  fast: { latencyFactor: 0.3 },
} as const satisfies Record<string, { latencyFactor: number }>;

export type SimModelFamily = keyof typeof simModelFamilies;

/** A parsed sim model id: `sim:default`, `fast`, `sim:default@2026-06`. */
export interface SimModelId {
  family: SimModelFamily;
  /** The named version after `@`; undefined means the scenario's (or built-in) default version. */
  version: string | undefined;
}

const idPattern = /^(?:sim:)?([\w-]+)(?:@([\w.-]+))?$/;

/** Parses a sim model id, with or without the `sim:` provider prefix; unknown families are a user error. */
export function parseSimModelId(modelId: string): SimModelId {
  const match = idPattern.exec(modelId.trim());
  const family = match?.[1];
  if (!match || family === undefined || !Object.hasOwn(simModelFamilies, family)) {
    throw new GantryError({
      code: "SIM_MODEL_UNKNOWN",
      message: `Unknown sim model "${modelId}"`,
      domain: "MODEL",
      category: "USER",
      details: { modelId, families: Object.keys(simModelFamilies) },
      hint: `Use sim:<family>[@<version>] with a family of ${Object.keys(simModelFamilies).join(", ")}, e.g. sim:default@2026-06.`,
    });
  }
  return { family: family as SimModelFamily, version: match[2] };
}
