import type { Estimate, EvalRunStatus } from "../../api/evals-api.js";
import {
  caseTone,
  evalRunStatusTone,
  formatInterval,
  formatPercent,
  gateVerdictLabel,
} from "../../evals/eval-format.js";
import { StatusBadge } from "../status-badge.js";

/** An eval run's status: running in the accent colour, failed in red. */
export function EvalRunStatusBadge({ status }: { status: EvalRunStatus }) {
  return <StatusBadge tone={evalRunStatusTone(status)}>{status}</StatusBadge>;
}

/** A case's standing (`passed`…) or majority verdict (`pass`…). */
export function CaseVerdictBadge({ verdict }: { verdict: string }) {
  return <StatusBadge tone={caseTone(verdict)}>{verdict}</StatusBadge>;
}

/** The gate's exit code in words (passed, failed cases, regression, inconclusive) with the code. */
export function GateVerdictBadge({ exitCode }: { exitCode: number }) {
  const { label, tone } = gateVerdictLabel(exitCode);
  return (
    <StatusBadge tone={tone}>
      {label} · exit {exitCode}
    </StatusBadge>
  );
}

/** A pass rate with its 95% interval beneath (Wilson), and how many decided trials it is over on hover. */
export function PassRateText({ passRate }: { passRate: Estimate }) {
  return (
    <span
      className="pass-rate"
      title={`${passRate.n} decided trials; 95% interval ${formatInterval(passRate.ci95)}`}
    >
      <span className="pass-rate-mean">{passRate.n === 0 ? "—" : formatPercent(passRate.mean)}</span>
      {passRate.n > 0 && <span className="pass-rate-interval">{formatInterval(passRate.ci95)}</span>}
    </span>
  );
}
