import type { PromptBump } from "../api/prompts-api.js";

// The bump a version string declares over another: what the author said the change is, to set beside
// what the change needs (the registry's classification). Prerelease and build parts are ignored.

const bumpOrder: readonly PromptBump[] = ["none", "patch", "minor", "major"];

function parts(version: string): [number, number, number] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  return match === null ? undefined : [Number(match[1]), Number(match[2]), Number(match[3])];
}

/**
 * `major`, `minor`, `patch` or `none` from `from` to `to`; `downgrade` when `to` is lower, undefined
 * when either is not a version.
 */
export function declaredBump(from: string, to: string): PromptBump | "downgrade" | undefined {
  const before = parts(from);
  const after = parts(to);
  if (before === undefined || after === undefined) return undefined;
  for (const [index, bump] of (["major", "minor", "patch"] as const).entries()) {
    if (after[index]! > before[index]!) return bump;
    if (after[index]! < before[index]!) return "downgrade";
  }
  return "none";
}

/** True when the declared bump is smaller than the one the change needs. */
export function bumpTooSmall(declared: PromptBump | "downgrade" | undefined, needed: PromptBump): boolean {
  if (declared === undefined) return false;
  if (declared === "downgrade") return needed !== "none";
  return bumpOrder.indexOf(declared) < bumpOrder.indexOf(needed);
}
