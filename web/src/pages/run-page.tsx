import { parseRunDetail, type RunDetail, runDetailPath } from "../api/runs-api.js";
import { useApiResource } from "../api/use-api-resource.js";
import { CopyButton } from "../components/copy-button.js";
import { ErrorPanel } from "../components/error-panel.js";
import { BreakerTripList } from "../components/runs/breaker-trip-list.js";
import { JsonValue } from "../components/runs/json-value.js";
import { RunOutcome } from "../components/runs/run-outcome.js";
import { RunStatusBadge } from "../components/runs/run-status-badge.js";
import { ToolCallTimeline } from "../components/runs/tool-call-timeline.js";
import { CostText } from "../components/traces/cost-text.js";
import { RelativeTime } from "../components/traces/relative-time.js";
import { StatTile } from "../components/traces/stat-tile.js";
import { formatAbsoluteTime } from "../format/format-time.js";
import { formatInteger, formatTokenCount } from "../format/format-tokens.js";
import { useDocumentVisible } from "../hooks/use-document-visible.js";
import { useInterval } from "../hooks/use-interval.js";
import { useNow } from "../hooks/use-now.js";
import { Link } from "../router/link.js";
import { runPagePath, sessionPagePath, tracePagePath } from "../routes.js";

// A running run is read again every few seconds, so its steps and tool calls appear as they happen.
const runningRefreshMilliseconds = 3000;

function RunHeader({ detail }: { detail: RunDetail }) {
  const { run, state } = detail;
  const now = useNow(10_000);
  const startMs = Date.parse(run.createdAt);
  return (
    <header className="trace-header">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/runs">Runs</Link>
        <span aria-hidden="true"> / </span>
        <span>{run.runId}</span>
      </nav>
      <div className="trace-title-line">
        <h1>{run.agent}</h1>
        {run.agentVersion !== null && <span className="muted-cell">{run.agentVersion}</span>}
        <RunStatusBadge status={run.status} />
        {run.traceId !== null && (
          <Link to={tracePagePath(run.traceId)} className="button button-small run-trace-link">
            Open trace
          </Link>
        )}
      </div>
      <div className="trace-meta">
        <span className="id-line">
          <span className="id-label">Run</span>
          <code className="id-value">{run.runId}</code>
          <CopyButton value={run.runId} label="run id" />
        </span>
        <span>
          Started <span title={run.createdAt}>{formatAbsoluteTime(startMs)}</span> (
          <RelativeTime epochMilliseconds={startMs} now={now} />)
        </span>
        {run.sessionId !== null && (
          <span>
            Session <Link to={sessionPagePath(run.sessionId)}>{run.sessionId}</Link>
          </span>
        )}
        {run.parentRunId !== null && (
          <span>
            Parent run <Link to={runPagePath(run.parentRunId)}>{run.parentRunId}</Link>
          </span>
        )}
        {run.traceId !== null && (
          <span className="id-line">
            <span className="id-label">Trace</span>
            <Link to={tracePagePath(run.traceId)} className="mono-link">
              {run.traceId}
            </Link>
          </span>
        )}
      </div>
      <dl className="stat-row" aria-label="Run totals">
        <StatTile label="Cost">
          <CostText micros={run.costMicros} />
          {state !== null && state.unpricedCalls > 0 && (
            <span className="stat-note" title="Calls of an unpriced model are not in the cost">
              + {formatInteger(state.unpricedCalls)} unpriced
            </span>
          )}
        </StatTile>
        <StatTile label="Steps">{formatInteger(run.steps)}</StatTile>
        <StatTile label="Tool calls">{formatInteger(run.toolCalls)}</StatTile>
        {state !== null && (
          <>
            <StatTile label="Messages">{formatInteger(state.messages)}</StatTile>
            <StatTile label="Tokens in → out">
              <span title={`${formatInteger(state.inputTokens)} → ${formatInteger(state.outputTokens)}`}>
                {formatTokenCount(state.inputTokens)} → {formatTokenCount(state.outputTokens)}
              </span>
            </StatTile>
            {state.model !== null && (
              <StatTile label="Model">
                <span className="run-model">{state.model}</span>
                {state.toolsDisabled && <span className="stat-note">tools disabled</span>}
              </StatTile>
            )}
          </>
        )}
      </dl>
    </header>
  );
}

function RunView({ detail }: { detail: RunDetail }) {
  const { run, state } = detail;
  return (
    <>
      <RunHeader detail={detail} />
      <RunOutcome run={run} />
      {state !== null && state.trips.length > 0 && (
        <section aria-label="Breaker">
          <h2 className="section-title run-trips-title">Breaker trips</h2>
          <BreakerTripList trips={state.trips} />
        </section>
      )}
      <div className="run-io">
        <section aria-label="Input">
          <h2 className="section-title">Input</h2>
          <JsonValue value={run.input} emptyText="(no input)" />
        </section>
        <section aria-label="Output">
          <h2 className="section-title">Output</h2>
          <JsonValue value={run.output} emptyText="No final answer yet." />
        </section>
      </div>
      <h2 className="section-title">Tool calls</h2>
      {state === null ? (
        <p className="muted">The run has no checkpoint yet.</p>
      ) : (
        <ToolCallTimeline calls={state.toolCalls} />
      )}
    </>
  );
}

/** One run: what went in and out, how it ended or why it waits, its tool calls, trips and trace. */
export function RunPage({ runId }: { runId: string }) {
  const { state, reload } = useApiResource(runDetailPath(runId), parseRunDetail);
  const visible = useDocumentVisible();
  const running = state.status === "ready" && state.data.run.status === "running";
  useInterval(reload, runningRefreshMilliseconds, running && visible);
  if (state.status === "loading") {
    return (
      <p className="muted loading-line" role="status">
        Loading run…
      </p>
    );
  }
  if (state.status === "error") {
    const notFound = state.error.status === 404;
    return (
      <>
        <ErrorPanel
          title={notFound ? "Run not found" : "Could not load the run"}
          error={state.error}
          onRetry={notFound ? undefined : reload}
        />
        <p>
          <Link to="/runs">Back to the runs</Link>
        </p>
      </>
    );
  }
  return <RunView detail={state.data} />;
}
