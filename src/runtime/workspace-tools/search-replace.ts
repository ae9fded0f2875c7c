import { workspaceError } from "./workspace-errors.js";

// fs_patch takes search/replace edits rather than unified diffs: models reproduce a few exact lines
// far more reliably than hunk headers and context counts, and an edit whose `search` is missing or
// ambiguous fails loudly instead of landing in the wrong place.

export interface SearchReplaceEdit {
  /** Exact text to find (whitespace included). */
  search: string;
  replace: string;
  /** Replace every occurrence; without it `search` must occur exactly once. */
  replaceAll?: boolean;
}

function occurrences(text: string, search: string): number {
  let found = 0;
  let at = text.indexOf(search);
  while (at !== -1) {
    found++;
    at = text.indexOf(search, at + search.length);
  }
  return found;
}

/** Applies the edits in order; WORKSPACE_PATCH_FAILED names the first edit whose search is missing or ambiguous. */
export function applyEdits(path: string, content: string, edits: readonly SearchReplaceEdit[]): string {
  let result = content;
  edits.forEach((edit, index) => {
    const found = edit.search === "" ? 0 : occurrences(result, edit.search);
    if (found === 0 || (found > 1 && !edit.replaceAll)) {
      const problem =
        found === 0
          ? "was not found (after the earlier edits were applied)"
          : `occurs ${found} times; it must be unique`;
      throw workspaceError(
        "WORKSPACE_PATCH_FAILED",
        `Patch of ${path} failed: edits[${index}].search ${problem}.`,
        found === 0
          ? "Read the file again with fs_read and copy the exact text, whitespace included."
          : "Include more surrounding lines in search, or set replaceAll: true.",
        { path, edit: index, occurrences: found },
      );
    }
    result = edit.replaceAll
      ? result.split(edit.search).join(edit.replace)
      : result.replace(edit.search, () => edit.replace);
  });
  return result;
}
