// The Evals pages' state in their URLs, so a filtered list or a comparison is a link:
// `/evals?suite=triage`, `/evals/compare?baseline=<id>&run=<id>` (paths of pages are in routes.ts).

/** The suite the runs list is narrowed to ("" for every suite). */
export function parseEvalSuiteFilter(search: string): string {
  return (new URLSearchParams(search).get("suite") ?? "").trim();
}

/** The dashboard path of the eval runs, optionally of one suite. */
export function evalsPagePath(suite = ""): string {
  return suite === "" ? "/evals" : `/evals?${new URLSearchParams({ suite }).toString()}`;
}

/** Which two runs the comparison page shows; either may be missing from a hand-typed link. */
export interface ComparisonSelection {
  baseline: string;
  run: string;
}

export function parseComparisonSelection(search: string): ComparisonSelection {
  const parameters = new URLSearchParams(search);
  return {
    baseline: (parameters.get("baseline") ?? "").trim(),
    run: (parameters.get("run") ?? "").trim(),
  };
}

/**
 * The baseline a comparison uses when the link names none: the run's own baseline, else the newest
 * completed run of the suite older than it (runs are newest first), else none.
 */
export function defaultBaseline(
  run: { id: string; baselineRunId: string | null },
  suiteRuns: readonly { id: string; status: string }[],
): string {
  if (run.baselineRunId !== null) return run.baselineRunId;
  const index = suiteRuns.findIndex((candidate) => candidate.id === run.id);
  const older = index < 0 ? [] : suiteRuns.slice(index + 1);
  return older.find((candidate) => candidate.status === "completed")?.id ?? "";
}
