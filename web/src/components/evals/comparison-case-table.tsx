import type { CaseChange, ComparedCase, ComparisonRow } from "../../api/evals-api.js";
import { formatScore } from "../../evals/eval-format.js";
import { Link } from "../../router/link.js";
import { tracePagePath } from "../../routes.js";
import { StatusBadge } from "../status-badge.js";
import { CaseVerdictBadge } from "./eval-badges.js";

const changeLabels: Record<CaseChange, { label: string; tone: "danger" | "good" | "warning" | "neutral" }> = {
  regression: { label: "regressed", tone: "danger" },
  improvement: { label: "improved", tone: "good" },
  changed: { label: "changed", tone: "warning" },
  same: { label: "same", tone: "neutral" },
  added: { label: "new case", tone: "neutral" },
  removed: { label: "dropped", tone: "neutral" },
};

function Side({ side }: { side: ComparedCase | null }) {
  if (side === null) return <td className="muted-cell">not in this run</td>;
  const scores = Object.entries(side.scores);
  return (
    <td className="comparison-side">
      <CaseVerdictBadge verdict={side.verdict} />
      <span className="numeric-left">
        {" "}
        {side.passed}/{side.trials}
      </span>
      {scores.length > 0 && (
        <span className="comparison-scores">
          {scores.map(([key, value]) => `${key} ${formatScore(value)}`).join(" · ")}
        </span>
      )}
      {side.firstFailure !== null && (
        <span className="score-reason" title={side.firstFailure}>
          {side.firstFailure}
        </span>
      )}
      {side.traceIds[0] !== undefined && (
        <Link to={tracePagePath(side.traceIds[0])} className="mono-link" title={side.traceIds[0]}>
          trace {side.traceIds[0].slice(0, 8)}
        </Link>
      )}
    </td>
  );
}

/** Every case of either run, the baseline's result beside the current one; flips are highlighted. */
export function ComparisonCaseTable({ rows }: { rows: readonly ComparisonRow[] }) {
  return (
    <div className="table-frame">
      <table className="table data-table comparison-table" aria-label="Cases compared">
        <thead>
          <tr>
            <th scope="col">Case</th>
            <th scope="col">Change</th>
            <th scope="col">Baseline</th>
            <th scope="col">This run</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const change = changeLabels[row.change];
            return (
              <tr key={row.caseId} className={`comparison-row comparison-${row.change}`}>
                <td>
                  <code className="eval-case-id">{row.caseId}</code>
                </td>
                <td>
                  <StatusBadge tone={change.tone}>{change.label}</StatusBadge>
                </td>
                <Side side={row.baseline} />
                <Side side={row.current} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
