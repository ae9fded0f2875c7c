import semver from "semver";
import {
  type ChangeClassification,
  classifyPromptChange,
  compareBumps,
  type PromptBump,
} from "./classify-change.js";
import type { ParsedPrompt } from "./parse-prompt-file.js";

// Compares the bump a prompt's author declared (the semver step between the two versions) with the
// bump its changes need. The failure that matters is a declared bump smaller than the needed one:
// that is the one-sentence "patch" that misroutes escalations downstream.

export interface DeclaredBumpCheck {
  ok: boolean;
  /** The bump the versions declare; `none` when the version did not move. */
  declared: PromptBump;
  /** The bump the changes need. */
  required: PromptBump;
  classification: ChangeClassification;
  /** Why the check failed, naming each change that needs more than was declared; absent when ok. */
  message?: string;
}

function declaredBump(before: string, after: string): PromptBump {
  const difference = semver.diff(before, after);
  if (difference === null) return "none";
  if (difference === "major" || difference === "premajor") return "major";
  if (difference === "minor" || difference === "preminor") return "minor";
  return "patch";
}

/** Checks that the version step from `before` to `after` is at least what their changes need. */
export function checkDeclaredBump(before: ParsedPrompt, after: ParsedPrompt): DeclaredBumpCheck {
  const classification = classifyPromptChange(before, after);
  const required = classification.bump;
  const versionBefore = before.frontMatter.version;
  const versionAfter = after.frontMatter.version;
  const id = after.frontMatter.id;
  if (semver.lt(versionAfter, versionBefore)) {
    return {
      ok: false,
      declared: "none",
      required,
      classification,
      message: `${id}: version ${versionAfter} is lower than ${versionBefore}; a new version must be greater`,
    };
  }
  const declared = declaredBump(versionBefore, versionAfter);
  if (compareBumps(declared, required) >= 0) return { ok: true, declared, required, classification };
  const needing = classification.reasons
    .filter((reason) => compareBumps(reason.bump, declared) > 0)
    .map((reason) => `  ${reason.path}: ${reason.message} (needs ${reason.bump})`);
  const step =
    declared === "none"
      ? `kept version ${versionAfter}`
      : `declared a ${declared} bump (${versionBefore} → ${versionAfter})`;
  return {
    ok: false,
    declared,
    required,
    classification,
    message: `${id} ${step} but its changes need a ${required} bump:\n${needing.join("\n")}`,
  };
}
