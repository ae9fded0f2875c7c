import type { EvalSuite } from "../../api/evals-api.js";
import { formatPercent, targetText } from "../../evals/eval-format.js";
import { formatInteger } from "../../format/format-tokens.js";

export interface EvalSuiteTableProps {
  suites: readonly EvalSuite[];
  /** The suite a run is being started for, if any. */
  starting: string | null;
  onRun: (suite: string) => void;
}

/** The workspace's suites: target, cases and dataset version, scorers, the pass rate the gate needs, and Run. */
export function EvalSuiteTable({ suites, starting, onRun }: EvalSuiteTableProps) {
  return (
    <div className="table-frame">
      <table className="table data-table eval-suite-table" aria-label="Suites">
        <thead>
          <tr>
            <th scope="col">Suite</th>
            <th scope="col">Target</th>
            <th scope="col" className="numeric">
              Cases
            </th>
            <th scope="col">Dataset</th>
            <th scope="col">Scorers</th>
            <th scope="col" className="numeric">
              Gate
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {suites.map((suite) => (
            <tr key={suite.name}>
              <td>
                <strong>{suite.name}</strong>
                {suite.description !== null && (
                  <span className="prompt-description">{suite.description}</span>
                )}
              </td>
              <td className="nowrap">{targetText(suite.target)}</td>
              <td className="numeric">{formatInteger(suite.cases)}</td>
              <td className="nowrap">
                <code title={`${suite.datasetFile} @ ${suite.datasetHash}`}>
                  {suite.datasetHash.slice(0, 12)}
                </code>
                <span className="eval-target-note">{suite.datasetFile}</span>
              </td>
              <td>{suite.scorers.join(", ") || <span className="muted-cell">per case</span>}</td>
              <td className="numeric nowrap" title="pass rate the gate requires">
                ≥ {formatPercent(suite.thresholds.passRate ?? 1)}
              </td>
              <td className="nowrap">
                <button
                  type="button"
                  className="button button-small"
                  disabled={starting !== null}
                  onClick={() => onRun(suite.name)}
                  aria-label={`Run suite ${suite.name}`}
                >
                  {starting === suite.name ? "Starting…" : "Run"}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
