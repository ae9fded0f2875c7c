import { type Clock, lineDiff, systemClock } from "../../core/index.js";
import { defaultProjectId, type Store } from "../../store/index.js";
import { classifyPromptChange } from "../classify-change.js";
import type { PromptGate, PromptLabelRule, PromptRegistry } from "../registry-spec.js";
import { movePromptLabel } from "./move-prompt-label.js";
import { promptRegistryError } from "./prompt-registry-error.js";
import { pushPromptVersion } from "./push-prompt-version.js";
import { defaultLabelRules, type RegistryContext } from "./registry-context.js";
import { requireVersions, resolvePromptVersion } from "./resolve-prompt-version.js";
import { toParsedPrompt, toVersionInfo } from "./to-version-info.js";

export interface PromptRegistryOptions {
  store: Pick<Store, "prompts">;
  /** Defaults to `default`. */
  projectId?: string;
  /** Times gate runs (kept in the label history). */
  clock?: Clock;
  /** Per-label rules; default `{ production: { protected: true, gates: [] } }`. Labels not named are open. */
  rules?: Record<string, PromptLabelRule>;
  /** Gates the rules may name. */
  gates?: readonly PromptGate[];
}

function gateMap(gates: readonly PromptGate[]): Map<string, PromptGate> {
  const map = new Map<string, PromptGate>();
  for (const gate of gates) {
    if (typeof gate?.name !== "string" || gate.name.length === 0 || typeof gate.check !== "function") {
      throw promptRegistryError(
        "PROMPT_GATE_INVALID",
        `A prompt gate must have a non-empty name and a check function (got ${JSON.stringify(gate?.name ?? null)})`,
        "Define gates as { name, description?, check(context) } objects.",
      );
    }
    if (map.has(gate.name)) {
      throw promptRegistryError(
        "PROMPT_GATE_INVALID",
        `Two prompt gates are named "${gate.name}"`,
        "Give each gate its own name: label rules refer to gates by name.",
        { gate: gate.name },
      );
    }
    map.set(gate.name, gate);
  }
  return map;
}

/** The prompt registry over a store: versions, labels with rules and gates, history and diffs. */
export function createPromptRegistry(options: PromptRegistryOptions): PromptRegistry {
  const context: RegistryContext = {
    store: options.store,
    projectId: options.projectId ?? defaultProjectId,
    clock: options.clock ?? systemClock,
    rules: options.rules ?? defaultLabelRules,
    gates: gateMap(options.gates ?? []),
  };
  const { prompts } = context.store;
  return {
    push: (source, file, pushOptions) => pushPromptVersion(context, source, file, pushOptions),
    get: (id, selector) => resolvePromptVersion(context, id, selector),
    list: () => prompts.list(context.projectId),
    async versions(id) {
      return (await requireVersions(context, id)).map(toVersionInfo);
    },
    async labels(id) {
      await requireVersions(context, id);
      return prompts.listLabels(id, context.projectId);
    },
    async history(id, label) {
      await requireVersions(context, id);
      return prompts.labelEvents({
        projectId: context.projectId,
        promptId: id,
        ...(label === undefined ? {} : { label }),
      });
    },
    moveLabel: (id, label, version, actor) => movePromptLabel(context, id, label, version, actor),
    async diff(id, from, to) {
      const before = await resolvePromptVersion(context, id, from);
      const after = await resolvePromptVersion(context, id, to);
      return {
        promptId: id,
        from: { version: before.version, hash: before.hash },
        to: { version: after.version, hash: after.hash },
        lines: lineDiff(before.source, after.source),
        classification: classifyPromptChange(toParsedPrompt(before), toParsedPrompt(after)),
      };
    },
  };
}
