import type { CaseResult, Score } from "../../api/evals-api.js";
import { formatScore } from "../../evals/eval-format.js";
import { formatMilliseconds } from "../../format/format-milliseconds.js";
import { Link } from "../../router/link.js";
import { tracePagePath } from "../../routes.js";
import { jsonPreview } from "../runs/json-value.js";
import { CostText } from "../traces/cost-text.js";
import { CaseVerdictBadge } from "./eval-badges.js";

function keyOf(score: Pick<Score, "scorer" | "dimension">): string {
  return score.dimension ? `${score.scorer}.${score.dimension}` : score.scorer;
}

// The reason a person needs under a score: the first trial where it failed or could not decide, else the first.
function scoreCell(
  row: CaseResult,
  key: string,
): { value: number | undefined; reason: string | null; failed: boolean; inconclusive: boolean } {
  const scores = row.results.flatMap((trial) => trial.scores.filter((score) => keyOf(score) === key));
  const telling = scores.find((score) => score.inconclusive || !score.passed) ?? scores[0];
  return {
    value: row.scores[key],
    reason: telling?.reason ?? null,
    failed: scores.some((score) => !score.passed && !score.inconclusive),
    inconclusive: scores.length > 0 && scores.every((score) => score.inconclusive === true),
  };
}

function ScoreCell({ row, scoreKey }: { row: CaseResult; scoreKey: string }) {
  const cell = scoreCell(row, scoreKey);
  if (cell.value === undefined && !cell.inconclusive) return <td className="muted-cell">—</td>;
  const className = cell.inconclusive ? "score-inconclusive" : cell.failed ? "score-failed" : "score-passed";
  return (
    <td className="score-cell">
      <span className={`score-value ${className}`}>
        {cell.value === undefined ? "?" : formatScore(cell.value)}
      </span>
      {cell.reason !== null && (
        <span className="score-reason" title={cell.reason}>
          {cell.reason}
        </span>
      )}
    </td>
  );
}

/** One row per case: its verdict, trials passed, every score with its reason, cost, latency and traces. */
export function EvalCaseTable({
  cases,
  scoreKeys,
}: {
  cases: readonly CaseResult[];
  scoreKeys: readonly string[];
}) {
  return (
    <div className="table-frame">
      <table className="table data-table eval-case-table" aria-label="Cases">
        <thead>
          <tr>
            <th scope="col">Case</th>
            <th scope="col">Result</th>
            <th scope="col" className="numeric">
              Trials passed
            </th>
            {scoreKeys.map((key) => (
              <th scope="col" key={key}>
                {key}
              </th>
            ))}
            <th scope="col" className="numeric">
              Cost
            </th>
            <th scope="col" className="numeric">
              Latency
            </th>
            <th scope="col">Traces</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((row) => (
            <tr
              key={row.caseId}
              className={
                row.standing === "failed"
                  ? "row-error"
                  : row.standing === "inconclusive"
                    ? "row-warning"
                    : undefined
              }
            >
              <td className="eval-case-cell">
                <code className="eval-case-id">{row.caseId}</code>
                {row.failureClass !== null && <span className="failure-class-chip">{row.failureClass}</span>}
                <span className="eval-case-input" title={jsonPreview(row.input, 2000)}>
                  {jsonPreview(row.input, 90)}
                </span>
                {row.expected !== null && row.expected !== undefined && (
                  <span className="eval-case-expected" title={jsonPreview(row.expected, 2000)}>
                    expected {jsonPreview(row.expected, 70)}
                  </span>
                )}
              </td>
              <td>
                <CaseVerdictBadge verdict={row.standing} />
              </td>
              <td className="numeric nowrap">
                {row.passed}/{row.trials}
                {row.inconclusive > 0 && <span className="muted-cell"> ({row.inconclusive} ?)</span>}
              </td>
              {scoreKeys.map((key) => (
                <ScoreCell key={key} row={row} scoreKey={key} />
              ))}
              <td className="numeric">
                <CostText micros={row.costMicros} />
              </td>
              <td className="numeric nowrap">{formatMilliseconds(row.latencyMs)}</td>
              <td className="nowrap">
                {row.traceIds.length === 0 ? (
                  <span className="muted-cell">—</span>
                ) : (
                  <span className="eval-trace-links">
                    {row.traceIds.map((traceId, index) => (
                      <Link
                        key={traceId}
                        to={tracePagePath(traceId)}
                        className="mono-link"
                        title={`trial ${index + 1}: trace ${traceId}`}
                      >
                        {row.traceIds.length > 1 ? `#${index + 1} ` : ""}
                        {traceId.slice(0, 8)}
                      </Link>
                    ))}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
