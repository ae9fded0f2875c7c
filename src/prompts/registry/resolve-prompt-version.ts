import semver from "semver";
import type { StoredPromptVersion } from "../../store/index.js";
import type { PromptSelector, PromptVersionInfo } from "../registry-spec.js";
import { promptRegistryError } from "./prompt-registry-error.js";
import { latestLabel, type RegistryContext } from "./registry-context.js";
import { toVersionInfo } from "./to-version-info.js";

// Resolves a selector (label or exact version, `latest` by default) to a stored version, telling
// "no such prompt" apart from "no such version" and "no such label" so a client can fall back only
// when the registry truly does not have the prompt.

/** Every version of a prompt, highest first; PROMPT_NOT_FOUND when there is none. */
export async function requireVersions(context: RegistryContext, id: string): Promise<StoredPromptVersion[]> {
  const versions = await context.store.prompts.listVersions(id, context.projectId);
  if (versions.length === 0) {
    throw promptRegistryError(
      "PROMPT_NOT_FOUND",
      `Prompt "${id}" is not in the registry (project ${context.projectId})`,
      `Push it first (gantry prompts push prompts/${id}.prompt.md), or check the prompt id and project.`,
      { prompt: id, projectId: context.projectId },
    );
  }
  return [...versions].sort((a, b) => semver.rcompare(a.version, b.version));
}

function checkSelector(id: string, selector: PromptSelector): void {
  if (selector.label !== undefined && selector.version !== undefined) {
    throw promptRegistryError(
      "PROMPT_SELECTOR_INVALID",
      `Prompt "${id}": pick a version by label or by version, not both (label ${selector.label}, version ${selector.version})`,
      "Pass only `label` or only `version`.",
      { prompt: id, label: selector.label, version: selector.version },
    );
  }
}

/** The version `selector` names; PROMPT_NOT_FOUND, PROMPT_VERSION_NOT_FOUND or PROMPT_LABEL_NOT_FOUND. */
export async function resolvePromptVersion(
  context: RegistryContext,
  id: string,
  selector: PromptSelector = {},
): Promise<PromptVersionInfo> {
  checkSelector(id, selector);
  const { prompts } = context.store;
  if (selector.version !== undefined) {
    const stored = await prompts.getVersion(id, selector.version, context.projectId);
    if (stored) return toVersionInfo(stored);
    const versions = await requireVersions(context, id);
    throw promptRegistryError(
      "PROMPT_VERSION_NOT_FOUND",
      `Prompt "${id}" has no version ${selector.version}; it has ${versions.map((version) => version.version).join(", ")}`,
      `Pick one of the pushed versions, or push prompts/${id}.prompt.md at version ${selector.version}.`,
      { prompt: id, version: selector.version, known: versions.map((version) => version.version) },
    );
  }
  const label = selector.label ?? latestLabel;
  const pointer = await prompts.getLabel(id, label, context.projectId);
  if (pointer) {
    const stored = await prompts.getVersion(id, pointer.version, context.projectId);
    if (stored) return toVersionInfo(stored);
  }
  await requireVersions(context, id);
  const labels = await prompts.listLabels(id, context.projectId);
  throw promptRegistryError(
    "PROMPT_LABEL_NOT_FOUND",
    `Prompt "${id}" has no label "${label}"; its labels are ${labels.map((known) => `${known.label} → ${known.version}`).join(", ") || "none"}`,
    `Point the label at a version first (gantry prompts label ${id} ${label} <version>), or ask for another label.`,
    { prompt: id, label, known: labels.map((known) => known.label) },
  );
}
