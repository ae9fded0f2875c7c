import type { Clock } from "../../core/index.js";
import type { Store } from "../../store/index.js";
import type { PromptGate, PromptLabelRule } from "../registry-spec.js";

/** What the registry's parts share: the store, the project, the clock, the label rules and gates. */
export interface RegistryContext {
  store: Pick<Store, "prompts">;
  projectId: string;
  clock: Clock;
  rules: Readonly<Record<string, PromptLabelRule>>;
  gates: ReadonlyMap<string, PromptGate>;
}

/** The label pushes move; no one else may. */
export const latestLabel = "latest";

/** The rules when none are configured: `production` needs the release scope, with no gates. */
export const defaultLabelRules: Readonly<Record<string, PromptLabelRule>> = {
  production: { protected: true, gates: [] },
};
