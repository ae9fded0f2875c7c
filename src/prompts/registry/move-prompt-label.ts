import type { JsonValue } from "../../core/index.js";
import type { LabelMoveResult, PromptActor, PromptLabelRule } from "../registry-spec.js";
import { promptRegistryError } from "./prompt-registry-error.js";
import { latestLabel, type RegistryContext } from "./registry-context.js";
import { resolvePromptVersion } from "./resolve-prompt-version.js";
import { type GateRun, lookUpGates, runLabelGates } from "./run-label-gates.js";

// Moving a label is a release: `production` pointing at a new version changes what every running
// agent says. So it is checked (reserved label, name, scope), gated (every gate of the label's rule
// must pass) and recorded (who, from what, to what, and each gate's verdict) before anything moves.

/** Scopes that may move a protected label. */
export const releaseScopes: readonly string[] = ["release", "admin"];

const labelName = /^[a-z][a-z0-9-]*$/;
const unprotected: PromptLabelRule = { protected: false, gates: [] };

function checkLabel(id: string, label: string, rule: PromptLabelRule, actor: PromptActor): void {
  if (label === latestLabel) {
    throw promptRegistryError(
      "PROMPT_LABEL_RESERVED",
      `Label "latest" of ${id} follows the highest pushed version and cannot be moved by hand`,
      "Push a higher version to move `latest`, or use another label (e.g. `staging`, `production`).",
      { prompt: id, label },
    );
  }
  if (!labelName.test(label)) {
    throw promptRegistryError(
      "PROMPT_LABEL_INVALID",
      `"${label}" is not a label name: lowercase letters, digits and '-', starting with a letter`,
      "Use a name like `staging`, `production` or `canary-eu`.",
      { prompt: id, label },
    );
  }
  if (rule.protected && !actor.scopes.some((scope) => releaseScopes.includes(scope))) {
    throw promptRegistryError(
      "PROMPT_LABEL_FORBIDDEN",
      `Label "${label}" of ${id} is protected: ${actor.name} needs the release or admin scope to move it (has ${actor.scopes.join(", ") || "no scopes"})`,
      "Use an API key with the `release` (or `admin`) scope, or ask someone who has one to move the label.",
      { prompt: id, label, actor: actor.name, scopes: [...actor.scopes] },
    );
  }
}

function gatesFailed(id: string, label: string, version: string, runs: GateRun[]) {
  const failed = runs.filter((run) => !run.passed);
  return promptRegistryError(
    "PROMPT_GATE_FAILED",
    `Label "${label}" of ${id} was not moved to ${version}: ${failed
      .map((run) => `gate "${run.gate}" failed: ${run.summary}`)
      .join("; ")}`,
    "Fix what the failing gates report (or push a version that passes them) and move the label again.",
    { prompt: id, label, version, gates: runs as unknown as JsonValue },
  );
}

/** Points `label` at `version` of `id`; see `PromptRegistry.moveLabel`. */
export async function movePromptLabel(
  context: RegistryContext,
  id: string,
  label: string,
  version: string,
  actor: PromptActor,
): Promise<LabelMoveResult> {
  const rule = context.rules[label] ?? unprotected;
  checkLabel(id, label, rule, actor);
  const candidate = await resolvePromptVersion(context, id, { version });
  const { prompts } = context.store;
  const pointer = await prompts.getLabel(id, label, context.projectId);
  if (pointer?.version === candidate.version) return { label: pointer, moved: false, gates: [] };
  const gates = lookUpGates(rule.gates, context.gates, { promptId: id, label });
  const current = pointer ? await resolvePromptVersion(context, id, { version: pointer.version }) : undefined;
  const runs = await runLabelGates(
    gates,
    { promptId: id, label, candidate, ...(current ? { current } : {}), actor },
    context.clock,
  );
  if (runs.some((run) => !run.passed)) throw gatesFailed(id, label, candidate.version, runs);
  const moved = await prompts.moveLabel({
    projectId: context.projectId,
    promptId: id,
    label,
    version: candidate.version,
    kind: "label",
    actor: actor.name,
    details: { gates: runs as unknown as JsonValue },
  });
  // Versions are never deleted, so only a store edited by hand gets here.
  if (!moved) {
    throw promptRegistryError(
      "PROMPT_VERSION_NOT_FOUND",
      `Version ${candidate.version} of ${id} disappeared while label "${label}" was being moved`,
      "Versions are never deleted by Gantry; check whether the database was edited by hand.",
      { prompt: id, label, version: candidate.version },
    );
  }
  return {
    label: moved,
    moved: true,
    gates: runs.map(({ durationMs: _, ...result }) => result),
  };
}
