import {
  type EvalRunDetail,
  evalRunApiPath,
  evalRunListApiPath,
  parseEvalRunDetail,
  parseEvalRunList,
} from "../api/evals-api.js";
import { useApiResource } from "../api/use-api-resource.js";
import { CopyButton } from "../components/copy-button.js";
import { ErrorPanel } from "../components/error-panel.js";
import { ComparisonSummary } from "../components/evals/comparison-summary.js";
import { EvalRunStatusBadge, PassRateText } from "../components/evals/eval-badges.js";
import { EvalCaseTable } from "../components/evals/eval-case-table.js";
import { GateVerdictPanel } from "../components/evals/gate-verdict-panel.js";
import { CostText } from "../components/traces/cost-text.js";
import { RelativeTime } from "../components/traces/relative-time.js";
import { StatTile } from "../components/traces/stat-tile.js";
import { evalsPagePath } from "../evals/eval-filters.js";
import { targetText } from "../evals/eval-format.js";
import { formatMilliseconds } from "../format/format-milliseconds.js";
import { formatInteger } from "../format/format-tokens.js";
import { useDocumentVisible } from "../hooks/use-document-visible.js";
import { useInterval } from "../hooks/use-interval.js";
import { useNow } from "../hooks/use-now.js";
import { navigate } from "../router/history-location.js";
import { Link } from "../router/link.js";
import { evalComparePagePath, evalRunPagePath } from "../routes.js";

const refreshWhileRunningMs = 2_000;

function RunHeader({ detail }: { detail: EvalRunDetail }) {
  const { run } = detail;
  const now = useNow(10_000);
  const summary = run.summary;
  return (
    <header className="trace-header">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/evals">Evals</Link>
        <span aria-hidden="true"> / </span>
        <Link to={evalsPagePath(run.suite)}>{run.suite}</Link>
        <span aria-hidden="true"> / </span>
        <span>{run.id.slice(-8)}</span>
      </nav>
      <div className="trace-title-line">
        <h1>{run.suite}</h1>
        {run.label !== null && <code className="muted-cell">{run.label}</code>}
        <EvalRunStatusBadge status={run.status} />
        {run.progress !== null && (
          <span className="muted-cell" role="status">
            {formatInteger(run.progress.done)} of {formatInteger(run.progress.total)} trials done
          </span>
        )}
      </div>
      <div className="trace-meta">
        <span className="id-line">
          <span className="id-label">Run</span>
          <code className="id-value">{run.id}</code>
          <CopyButton value={run.id} label="run id" />
        </span>
        <span>
          Started <RelativeTime epochMilliseconds={Date.parse(run.createdAt)} now={now} />
        </span>
        <span>
          Target <strong>{targetText(run.target)}</strong>
        </span>
        <span>
          Dataset {run.datasetName} <code title={run.datasetHash}>{run.datasetHash.slice(0, 12)}</code>
        </span>
        {run.judge !== null && (
          <span>
            Judge <code>{run.judge}</code>
          </span>
        )}
      </div>
      <dl className="stat-row" aria-label="Run totals">
        <StatTile label="Pass rate">{summary ? <PassRateText passRate={summary.passRate} /> : "—"}</StatTile>
        <StatTile label="Cases">
          {summary ? (
            <span className="case-counts">
              <span className="case-count-passed">{summary.passedCases} passed</span>
              <span className={summary.failedCases > 0 ? "case-count-failed" : "muted-cell"}>
                {summary.failedCases} failed
              </span>
              <span className={summary.inconclusiveCases > 0 ? "case-count-inconclusive" : "muted-cell"}>
                {summary.inconclusiveCases} inconclusive
              </span>
            </span>
          ) : (
            "—"
          )}
        </StatTile>
        <StatTile label="Trials">{summary ? formatInteger(summary.trials) : "—"}</StatTile>
        <StatTile label="Cost">
          {summary ? <CostText micros={summary.costMicros} /> : "—"}
          {summary !== null && summary.judgeCostMicros > 0 && (
            <span className="stat-note">
              judge <CostText micros={summary.judgeCostMicros} />
            </span>
          )}
        </StatTile>
        <StatTile label="Latency p50 / p95">
          {summary
            ? `${formatMilliseconds(summary.latencyMs.p50)} / ${formatMilliseconds(summary.latencyMs.p95)}`
            : "—"}
        </StatTile>
        <StatTile label="Took">{summary ? formatMilliseconds(summary.wallMs) : "—"}</StatTile>
      </dl>
    </header>
  );
}

/** Picks another run of the suite to compare with; the comparison opens on its own page. */
function CompareWith({ detail }: { detail: EvalRunDetail }) {
  const { run } = detail;
  const others = useApiResource(evalRunListApiPath({ suite: run.suite, limit: 100 }), parseEvalRunList);
  const candidates =
    others.state.status === "ready"
      ? others.state.data.runs.filter((candidate) => candidate.id !== run.id)
      : [];
  if (candidates.length === 0) return null;
  return (
    <label className="compare-with">
      Compare with{" "}
      <select
        value=""
        onChange={(event) => navigate(evalComparePagePath({ baseline: event.target.value, run: run.id }))}
      >
        <option value="">a run of {run.suite}…</option>
        {candidates.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {candidate.id.slice(-8)}
            {candidate.label ? ` (${candidate.label})` : ""} · {candidate.status}
          </option>
        ))}
      </select>
    </label>
  );
}

function RunView({ detail }: { detail: EvalRunDetail }) {
  const { run } = detail;
  const pending =
    run.status === "running"
      ? "the run is still going"
      : run.status === "failed"
        ? "the run failed before finishing"
        : "no verdict";
  return (
    <>
      <RunHeader detail={detail} />
      <GateVerdictPanel verdict={detail.verdict} thresholds={detail.thresholds} pendingText={pending} />
      {detail.comparison !== null && (
        <section aria-labelledby="baseline-title">
          <div className="section-head">
            <h2 id="baseline-title" className="section-title">
              Against baseline{" "}
              <Link to={evalRunPagePath(detail.comparison.baselineRunId)} className="mono-link">
                {detail.comparison.baselineRunId.slice(-8)}
              </Link>
            </h2>
            <Link to={evalComparePagePath({ baseline: detail.comparison.baselineRunId, run: run.id })}>
              Open the comparison
            </Link>
          </div>
          <ComparisonSummary comparison={detail.comparison} baseline={null} run={run} />
        </section>
      )}
      <section aria-labelledby="cases-title">
        <div className="section-head">
          <h2 id="cases-title" className="section-title">
            Cases <span className="count-pill">{detail.cases.length}</span>
          </h2>
          <CompareWith detail={detail} />
        </div>
        {detail.cases.length === 0 ? (
          <p className="muted">No case has finished yet.</p>
        ) : (
          <EvalCaseTable cases={detail.cases} scoreKeys={detail.scoreKeys} />
        )}
      </section>
    </>
  );
}

/** One eval run: summary with intervals, the gate's verdict, the baseline comparison and every case. */
export function EvalRunPage({ runId }: { runId: string }) {
  const { state, reload } = useApiResource(evalRunApiPath(runId), parseEvalRunDetail);
  const visible = useDocumentVisible();
  const running = state.status === "ready" && state.data.run.status === "running";
  useInterval(reload, refreshWhileRunningMs, running && visible);

  if (state.status === "loading") {
    return (
      <p className="muted loading-line" role="status">
        Loading eval run…
      </p>
    );
  }
  if (state.status === "error") {
    const notFound = state.error.status === 404;
    return (
      <>
        <ErrorPanel
          title={notFound ? "Eval run not found" : "Could not load the eval run"}
          error={state.error}
          onRetry={notFound ? undefined : reload}
        />
        <p>
          <Link to="/evals">Back to the eval runs</Link>
        </p>
      </>
    );
  }
  return <RunView detail={state.data} />;
}
