import type { EvalRun } from "../../api/evals-api.js";
import { targetText } from "../../evals/eval-format.js";
import { formatMilliseconds } from "../../format/format-milliseconds.js";
import { formatInteger } from "../../format/format-tokens.js";
import { useNow } from "../../hooks/use-now.js";
import { Link } from "../../router/link.js";
import { openOnRowClick } from "../../router/open-on-row-click.js";
import { evalRunPagePath } from "../../routes.js";
import { CostText } from "../traces/cost-text.js";
import { RelativeTime } from "../traces/relative-time.js";
import { EvalRunStatusBadge, PassRateText } from "./eval-badges.js";

/** Passed / failed / inconclusive cases of a finished run, or how far a running one got. */
function CaseCounts({ run }: { run: EvalRun }) {
  if (run.summary === null) {
    if (run.progress === null) return <span className="muted-cell">—</span>;
    return (
      <span className="muted-cell">
        {formatInteger(run.progress.done)} of {formatInteger(run.progress.total)} trials
      </span>
    );
  }
  const { passedCases, failedCases, inconclusiveCases } = run.summary;
  return (
    <span className="case-counts" title="cases passed / failed / inconclusive">
      <span className="case-count-passed">{formatInteger(passedCases)} passed</span>
      <span className={failedCases > 0 ? "case-count-failed" : "muted-cell"}>
        {formatInteger(failedCases)} failed
      </span>
      {inconclusiveCases > 0 && (
        <span className="case-count-inconclusive">{formatInteger(inconclusiveCases)} inconclusive</span>
      )}
    </span>
  );
}

/** Eval runs, newest first: suite, label, status, pass rate with its interval, cases, cost, wall time. */
export function EvalRunTable({ runs }: { runs: readonly EvalRun[] }) {
  const now = useNow(10_000);
  return (
    <div className="table-frame">
      <table className="table data-table eval-run-table" aria-label="Eval runs">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Suite</th>
            <th scope="col">Label</th>
            <th scope="col">Status</th>
            <th scope="col" className="numeric">
              Pass rate
            </th>
            <th scope="col">Cases</th>
            <th scope="col" className="numeric">
              Cost
            </th>
            <th scope="col" className="numeric">
              Took
            </th>
            <th scope="col">Run</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr
              key={run.id}
              className={run.status === "failed" ? "clickable-row row-error" : "clickable-row"}
              onClick={(event) => openOnRowClick(event, evalRunPagePath(run.id))}
            >
              <td className="nowrap muted-cell">
                <RelativeTime epochMilliseconds={Date.parse(run.createdAt)} now={now} />
              </td>
              <td className="nowrap">
                <strong>{run.suite}</strong>
                <span className="eval-target-note">{targetText(run.target)}</span>
              </td>
              <td className="nowrap">
                {run.label === null ? <span className="muted-cell">—</span> : <code>{run.label}</code>}
              </td>
              <td>
                <EvalRunStatusBadge status={run.status} />
              </td>
              <td className="numeric">
                {run.summary === null ? (
                  <span className="muted-cell">—</span>
                ) : (
                  <PassRateText passRate={run.summary.passRate} />
                )}
              </td>
              <td>
                <CaseCounts run={run} />
              </td>
              <td className="numeric">
                {run.summary === null ? (
                  <span className="muted-cell">—</span>
                ) : (
                  <CostText micros={run.summary.costMicros} />
                )}
              </td>
              <td className="numeric nowrap">
                {run.summary === null ? (
                  <span className="muted-cell">—</span>
                ) : (
                  formatMilliseconds(run.summary.wallMs)
                )}
              </td>
              <td className="nowrap">
                <Link to={evalRunPagePath(run.id)} className="mono-link" title={run.id}>
                  {run.id.slice(-8)}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
