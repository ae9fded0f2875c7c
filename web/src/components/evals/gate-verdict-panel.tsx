import type { GateVerdict } from "../../api/evals-api.js";
import { formatPercent, gateVerdictLabel } from "../../evals/eval-format.js";
import { GateVerdictBadge } from "./eval-badges.js";

export interface GateVerdictPanelProps {
  verdict: GateVerdict | null;
  thresholds: { passRate?: number; scorers?: Record<string, number>; dimensions?: Record<string, number> };
  /** Why there is no verdict yet (the run is still going, or failed). */
  pendingText: string;
}

function thresholdList(thresholds: GateVerdictPanelProps["thresholds"]): string {
  const parts = [`pass rate ≥ ${formatPercent(thresholds.passRate ?? 1)}`];
  for (const [name, minimum] of Object.entries(thresholds.scorers ?? {})) parts.push(`${name} ≥ ${minimum}`);
  for (const [name, minimum] of Object.entries(thresholds.dimensions ?? {}))
    parts.push(`${name} ≥ ${minimum}`);
  return parts.join(", ");
}

/** The CI gate's verdict on a run: its exit code in words, each reason, and the thresholds it checked. */
export function GateVerdictPanel({ verdict, thresholds, pendingText }: GateVerdictPanelProps) {
  const tone = verdict === null ? "neutral" : gateVerdictLabel(verdict.exitCode).tone;
  return (
    <section className={`gate-verdict gate-verdict-${tone}`} aria-label="Gate verdict">
      <div className="gate-verdict-head">
        <h2 className="section-title">Gate</h2>
        {verdict === null ? (
          <span className="muted-cell">{pendingText}</span>
        ) : (
          <GateVerdictBadge exitCode={verdict.exitCode} />
        )}
        <span className="muted-cell gate-thresholds">thresholds: {thresholdList(thresholds)}</span>
      </div>
      {verdict !== null && (
        <ul className="gate-reasons">
          {verdict.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
