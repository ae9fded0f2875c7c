import type { PromptLabel, PromptVersion } from "../api/prompts-api.js";

// Which two versions a prompt's page compares, kept in the URL (`?from=1.0.0&to=production`) so a diff
// is a link. Each side is a version or a label; a side left out is chosen from the versions.

export interface DiffSelection {
  from?: string;
  to?: string;
}

/** `from` and `to` from a location search string; empty values count as absent. */
export function parseDiffSelection(search: string): DiffSelection {
  const query = new URLSearchParams(search);
  const from = query.get("from") ?? "";
  const to = query.get("to") ?? "";
  return { ...(from === "" ? {} : { from }), ...(to === "" ? {} : { to }) };
}

/**
 * The pair shown: what the URL says; a side left out is filled in: `to` with the newest version, `from`
 * with the version just before `to` (versions are newest first; a label is looked up). Undefined when
 * there is nothing before `to` to compare with.
 */
export function effectiveDiffSelection(
  selection: DiffSelection,
  versions: readonly PromptVersion[],
  labels: readonly PromptLabel[],
): Required<DiffSelection> | undefined {
  const to = selection.to ?? versions[0]?.version;
  if (to === undefined) return undefined;
  if (selection.from !== undefined) return { from: selection.from, to };
  const toVersion = labels.find((label) => label.label === to)?.version ?? to;
  const index = versions.findIndex((version) => version.version === toVersion);
  const previous = index === -1 ? undefined : versions[index + 1];
  return previous === undefined ? undefined : { from: previous.version, to };
}

/** What a side may be set to: labels first (`production (1.0.1)`), then every version. */
export function diffOptions(
  labels: readonly PromptLabel[],
  versions: readonly PromptVersion[],
): { value: string; label: string }[] {
  return [
    ...labels.map((label) => ({ value: label.label, label: `${label.label} (${label.version})` })),
    ...versions.map((version) => ({ value: version.version, label: version.version })),
  ];
}
