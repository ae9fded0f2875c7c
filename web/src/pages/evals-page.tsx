import { useState } from "react";
import { toApiError } from "../api/api-client.js";
import { useApi } from "../api/api-context.js";
import type { ApiError } from "../api/api-error.js";
import {
  evalRunListApiPath,
  evalRunsPath,
  evalSuitesPath,
  parseEvalRunList,
  parseEvalSuiteList,
  parseStartedEvalRun,
} from "../api/evals-api.js";
import { useApiResource } from "../api/use-api-resource.js";
import { ErrorPanel } from "../components/error-panel.js";
import { EvalRunTable } from "../components/evals/eval-run-table.js";
import { EvalSuiteTable } from "../components/evals/eval-suite-table.js";
import { RefusalNote } from "../components/refusal-note.js";
import { SegmentedControl } from "../components/segmented-control.js";
import { evalsPagePath, parseEvalSuiteFilter } from "../evals/eval-filters.js";
import { useDocumentVisible } from "../hooks/use-document-visible.js";
import { useInterval } from "../hooks/use-interval.js";
import { navigate, useLocationSearch } from "../router/history-location.js";
import { evalRunPagePath } from "../routes.js";

const runLimit = 100;
const refreshWhileRunningMs = 2_000;

function EvalsEmptyState({ suite }: { suite: string }) {
  return (
    <div className="empty-state">
      <h2>{suite === "" ? "No eval runs yet" : `No runs of ${suite} yet`}</h2>
      <p className="muted">
        Run a suite above, or <code>gantry eval {suite === "" ? "<suite>" : suite}</code>, or{" "}
        <code>POST /api/v1/evals/runs</code>.
      </p>
    </div>
  );
}

/** The workspace's suites and their eval runs, newest first, filtered by suite (kept in the URL). */
export function EvalsPage() {
  const { client, reportAuthRequired } = useApi();
  const search = useLocationSearch();
  const suite = parseEvalSuiteFilter(search);
  const suites = useApiResource(evalSuitesPath, parseEvalSuiteList);
  const runs = useApiResource(evalRunListApiPath({ suite, limit: runLimit }), parseEvalRunList);
  const visible = useDocumentVisible();
  const [starting, setStarting] = useState<string | null>(null);
  const [startError, setStartError] = useState<ApiError | null>(null);

  const anyRunning =
    runs.state.status === "ready" && runs.state.data.runs.some((run) => run.status === "running");
  useInterval(runs.reload, refreshWhileRunningMs, anyRunning && visible);

  async function startRun(name: string) {
    setStarting(name);
    setStartError(null);
    try {
      const started = await client.postJson(evalRunsPath, { suite: name }, parseStartedEvalRun);
      navigate(evalRunPagePath(started.run.id));
    } catch (thrown) {
      const apiError = toApiError(thrown);
      setStartError(apiError);
      if (apiError.isAuthRequired) reportAuthRequired(apiError);
    } finally {
      setStarting(null);
    }
  }

  const suiteNames =
    suites.state.status === "ready" ? suites.state.data.suites.map((entry) => entry.name) : [];
  const filterOptions = [
    { value: "", label: "All suites" },
    ...[...new Set([...suiteNames, ...(suite === "" ? [] : [suite])])].map((name) => ({
      value: name,
      label: name,
    })),
  ];

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Evals</h1>
          <p className="muted">
            Suites of cases and scorers, their runs with pass rates and 95% intervals, and what the CI gate
            says about each.
          </p>
        </div>
        <div className="page-actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              suites.reload();
              runs.reload();
            }}
          >
            Refresh
          </button>
        </div>
      </div>

      <section aria-labelledby="eval-suites-title">
        <h2 id="eval-suites-title" className="section-title">
          Suites
        </h2>
        {suites.state.status === "loading" && (
          <p className="muted loading-line" role="status">
            Loading suites…
          </p>
        )}
        {suites.state.status === "error" && (
          <ErrorPanel title="Could not load the suites" error={suites.state.error} onRetry={suites.reload} />
        )}
        {suites.state.status === "ready" &&
          (suites.state.data.suites.length === 0 ? (
            <p className="muted">
              No suites in this workspace: add <code>evals/&lt;suite&gt;.yaml</code> (docs/guides/evals.md).
            </p>
          ) : (
            <EvalSuiteTable suites={suites.state.data.suites} starting={starting} onRun={startRun} />
          ))}
        {suites.state.status === "ready" && suites.state.data.problems.length > 0 && (
          <ul className="suite-problems" aria-label="Suite files that do not load">
            {suites.state.data.problems.map((problem) => (
              <li key={problem.file}>
                <code>{problem.file}</code> does not load:{" "}
                <span className="suite-problem-message">{problem.message}</span> <code>{problem.code}</code>
              </li>
            ))}
          </ul>
        )}
        {startError !== null && <RefusalNote error={startError} />}
      </section>

      <section aria-labelledby="eval-runs-title">
        <div className="section-head">
          <h2 id="eval-runs-title" className="section-title">
            Runs
          </h2>
          {filterOptions.length > 1 && (
            <SegmentedControl
              label="Suite"
              options={filterOptions}
              value={suite}
              onChange={(next) => navigate(evalsPagePath(next), { keepScroll: true })}
            />
          )}
        </div>
        {runs.state.status === "loading" && (
          <p className="muted loading-line" role="status">
            Loading eval runs…
          </p>
        )}
        {runs.state.status === "error" && (
          <ErrorPanel title="Could not load the eval runs" error={runs.state.error} onRetry={runs.reload} />
        )}
        {runs.state.status === "ready" &&
          (runs.state.data.runs.length === 0 ? (
            <EvalsEmptyState suite={suite} />
          ) : (
            <EvalRunTable runs={runs.state.data.runs} />
          ))}
      </section>
    </>
  );
}
