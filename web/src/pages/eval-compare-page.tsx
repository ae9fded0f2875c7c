import { useMemo } from "react";
import {
  type EvalRun,
  evalCompareApiPath,
  evalRunApiPath,
  evalRunListApiPath,
  parseEvalComparison,
  parseEvalRunDetail,
  parseEvalRunList,
} from "../api/evals-api.js";
import { useApiResource } from "../api/use-api-resource.js";
import { ErrorPanel } from "../components/error-panel.js";
import { ComparisonCaseTable } from "../components/evals/comparison-case-table.js";
import { ComparisonSummary } from "../components/evals/comparison-summary.js";
import { EvalRunStatusBadge } from "../components/evals/eval-badges.js";
import { defaultBaseline, evalsPagePath, parseComparisonSelection } from "../evals/eval-filters.js";
import { navigate, useLocationSearch } from "../router/history-location.js";
import { Link } from "../router/link.js";
import { evalComparePagePath, evalRunPagePath } from "../routes.js";

function runOption(run: EvalRun): string {
  return `${run.id.slice(-8)}${run.label ? ` (${run.label})` : ""} · ${run.status} · ${run.createdAt.slice(0, 16).replace("T", " ")}`;
}

function RunPicker({
  label,
  value,
  runs,
  onChange,
}: {
  label: string;
  value: string;
  runs: readonly EvalRun[];
  onChange: (id: string) => void;
}) {
  const known = runs.some((run) => run.id === value);
  return (
    <label className="compare-picker">
      <span>{label}</span>
      <select aria-label={label} value={value} onChange={(event) => onChange(event.target.value)}>
        {!known && <option value={value}>{value === "" ? "pick a run…" : value}</option>}
        {runs.map((run) => (
          <option key={run.id} value={run.id}>
            {runOption(run)}
          </option>
        ))}
      </select>
    </label>
  );
}

function Comparison({ baseline, run }: { baseline: string; run: string }) {
  const { state, reload } = useApiResource(evalCompareApiPath(baseline, run), parseEvalComparison);
  if (state.status === "loading") {
    return (
      <p className="muted loading-line" role="status">
        Comparing…
      </p>
    );
  }
  if (state.status === "error") {
    return <ErrorPanel title="Could not compare the runs" error={state.error} onRetry={reload} />;
  }
  const { data } = state;
  return (
    <>
      <ComparisonSummary comparison={data.comparison} baseline={data.baseline} run={data.run} />
      <p className="muted comparison-runs">
        Baseline <Link to={evalRunPagePath(data.baseline.id)}>{data.baseline.id.slice(-8)}</Link>{" "}
        <EvalRunStatusBadge status={data.baseline.status} /> against{" "}
        <Link to={evalRunPagePath(data.run.id)}>{data.run.id.slice(-8)}</Link>{" "}
        <EvalRunStatusBadge status={data.run.status} />: cases compare by the majority of their trials; a flip
        counts only where both runs decided.
      </p>
      <section aria-labelledby="compared-cases-title">
        <h2 id="compared-cases-title" className="section-title">
          Cases <span className="count-pill">{data.cases.length}</span>
        </h2>
        <ComparisonCaseTable rows={data.cases} />
      </section>
    </>
  );
}

function ComparisonView({ runId, baselineId }: { runId: string; baselineId: string }) {
  const detail = useApiResource(evalRunApiPath(runId), parseEvalRunDetail);
  const suite = detail.state.status === "ready" ? detail.state.data.run.suite : null;
  const suiteRuns = useApiResource(
    suite === null ? evalRunListApiPath({ limit: 1 }) : evalRunListApiPath({ suite, limit: 100 }),
    parseEvalRunList,
  );
  const runs = suite !== null && suiteRuns.state.status === "ready" ? suiteRuns.state.data.runs : [];
  const baseline = useMemo(() => {
    if (baselineId !== "") return baselineId;
    if (detail.state.status !== "ready") return "";
    return defaultBaseline(detail.state.data.run, runs);
  }, [baselineId, detail.state, runs]);

  if (detail.state.status === "loading") {
    return (
      <p className="muted loading-line" role="status">
        Loading eval run…
      </p>
    );
  }
  if (detail.state.status === "error") {
    return (
      <ErrorPanel title="Could not load the eval run" error={detail.state.error} onRetry={detail.reload} />
    );
  }
  const run = detail.state.data.run;
  const select = (next: { baseline: string; run: string }) =>
    navigate(evalComparePagePath(next), { replace: true, keepScroll: true });
  return (
    <>
      <header className="trace-header">
        <nav className="breadcrumb" aria-label="Breadcrumb">
          <Link to="/evals">Evals</Link>
          <span aria-hidden="true"> / </span>
          <Link to={evalsPagePath(run.suite)}>{run.suite}</Link>
          <span aria-hidden="true"> / </span>
          <span>compare</span>
        </nav>
        <div className="trace-title-line">
          <h1>Compare runs of {run.suite}</h1>
        </div>
        <div className="compare-pickers">
          <RunPicker
            label="Baseline"
            value={baseline}
            runs={runs}
            onChange={(id) => select({ baseline: id, run: runId })}
          />
          <span aria-hidden="true">→</span>
          <RunPicker label="Run" value={runId} runs={runs} onChange={(id) => select({ baseline, run: id })} />
        </div>
      </header>
      {baseline === "" ? (
        suiteRuns.state.status === "ready" && (
          <p className="muted">
            No earlier completed run of {run.suite} to compare with: pick a baseline above.
          </p>
        )
      ) : baseline === runId ? (
        <p className="muted">Pick two different runs.</p>
      ) : (
        <Comparison baseline={baseline} run={runId} />
      )}
    </>
  );
}

/** Two eval runs of a suite side by side: flips highlighted, the p-value, the noise floor, the verdict. */
export function EvalComparePage() {
  const search = useLocationSearch();
  const selection = parseComparisonSelection(search);
  if (selection.run === "") {
    return (
      <div className="empty-state">
        <h2>Which run?</h2>
        <p className="muted">
          Open a run from the <Link to="/evals">eval runs</Link> and pick one to compare it with.
        </p>
      </div>
    );
  }
  return <ComparisonView key={selection.run} runId={selection.run} baselineId={selection.baseline} />;
}
