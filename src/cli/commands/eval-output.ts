import type { EvalSummary } from "../../evals/index.js";
import { formatPercent, formatUsd } from "../../evals/index.js";
import type { StoredEvalRun } from "../../store/index.js";

// How `gantry eval runs` draws stored eval runs.

export const evalRunHeaders = [
  "created (UTC)",
  "run",
  "suite",
  "label",
  "status",
  "cases",
  "pass rate",
  "cost",
];

/** One row of the runs table; a run still running (or failed) has no summary yet. */
export function evalRunRow(run: StoredEvalRun): string[] {
  const summary = run.summary as EvalSummary | null;
  return [
    run.createdAt.replace("T", " ").slice(0, 19),
    run.id,
    run.suite,
    run.label ?? "-",
    run.status,
    summary ? `${summary.passedCases}/${summary.cases}` : "-",
    summary ? formatPercent(summary.passRate.mean) : "-",
    summary ? formatUsd(summary.costMicros) : "-",
  ];
}
