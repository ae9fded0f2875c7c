import type { EvalRun, RunComparison } from "../../api/evals-api.js";
import { formatPercent, formatPointChange, formatPValue } from "../../evals/eval-format.js";
import { StatusBadge } from "../status-badge.js";
import { StatTile } from "../traces/stat-tile.js";

export interface ComparisonSummaryProps {
  comparison: RunComparison;
  baseline: EvalRun | null;
  run: EvalRun | null;
}

/**
 * The verdict of a comparison: pass rate before and after, the change against the noise floor trial
 * variance alone could produce, the exact McNemar p-value over the cases that flipped, and flips each way.
 */
export function ComparisonSummary({ comparison, baseline, run }: ComparisonSummaryProps) {
  const beyondNoise = Math.abs(comparison.passRateDelta) > comparison.noiseFloor;
  return (
    <section className="comparison-summary" aria-label="Comparison">
      <div className="comparison-verdict">
        {comparison.significantRegression ? (
          <StatusBadge tone="danger">significant regression</StatusBadge>
        ) : (
          <StatusBadge tone="good">no significant regression</StatusBadge>
        )}
        <span className="muted-cell">
          {beyondNoise
            ? "the change is beyond what trial noise alone explains"
            : "the change is within what trial noise alone explains"}
        </span>
      </div>
      <dl className="stat-row" aria-label="Comparison totals">
        {baseline?.summary && run?.summary ? (
          <StatTile label="Pass rate">
            <span>
              {formatPercent(baseline.summary.passRate.mean)} → {formatPercent(run.summary.passRate.mean)}
            </span>
            <span className="stat-note">{formatPointChange(comparison.passRateDelta)}</span>
          </StatTile>
        ) : (
          <StatTile label="Pass rate change">{formatPointChange(comparison.passRateDelta)}</StatTile>
        )}
        <StatTile label="Noise floor">
          ± {formatPointChange(comparison.noiseFloor).replace(/^\+/, "")}
        </StatTile>
        <StatTile label="p-value">{formatPValue(comparison.pValue)}</StatTile>
        <StatTile label="Regressions">
          <span className={comparison.regressions > 0 ? "case-count-failed" : undefined}>
            {comparison.regressions}
          </span>
        </StatTile>
        <StatTile label="Improvements">
          <span className={comparison.improvements > 0 ? "case-count-passed" : undefined}>
            {comparison.improvements}
          </span>
        </StatTile>
      </dl>
    </section>
  );
}
