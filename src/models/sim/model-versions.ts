import { GantryError } from "../../core/index.js";
import { type ModelVersion, modelVersionSchema, type Scenario } from "./scenario-schema.js";

/** The version an unversioned id resolves to unless a scenario sets `defaultVersion`. */
export const baselineVersionName = "2026-01";

/**
 * Built-in versions. `2026-01` follows the script exactly; `2026-06` is the drifted successor that
 * drift rehearsals compare against: half-length answers, 15% refusals, 30% of tool calls skipped,
 * and a taste for search-style tools when one is offered.
 */
export const builtInVersions: Readonly<Record<string, ModelVersion>> = {
  [baselineVersionName]: modelVersionSchema.parse({}),
  "2026-06": modelVersionSchema.parse({
    answerLengthFactor: 0.5,
    refusalRate: 0.15,
    toolCallRate: 0.7,
    toolPreference: ["search_knowledge_base", "search_docs", "search"],
    latencyFactor: 1.2,
  }),
};

/** A version ready to apply: its name (as reported in response metadata) and behaviour. */
export interface ResolvedVersion {
  name: string;
  behaviour: ModelVersion;
}

/** Resolves a requested version against the built-ins and the scenarios (later scenarios win). */
export function resolveVersion(
  requested: string | undefined,
  scenarios: readonly Scenario[],
): ResolvedVersion {
  const versions: Record<string, ModelVersion> = { ...builtInVersions };
  let defaultName = baselineVersionName;
  for (const scenario of scenarios) {
    Object.assign(versions, scenario.versions);
    if (scenario.defaultVersion !== undefined) defaultName = scenario.defaultVersion;
  }
  const name = requested ?? defaultName;
  const behaviour = versions[name];
  if (!behaviour) {
    throw new GantryError({
      code: "SIM_VERSION_UNKNOWN",
      message: `Unknown sim model version "${name}"`,
      domain: "MODEL",
      category: "USER",
      details: { version: name, known: Object.keys(versions) },
      hint: `Use one of ${Object.keys(versions).join(", ")}, or define it under \`versions:\` in a scenario file.`,
    });
  }
  return { name, behaviour };
}
