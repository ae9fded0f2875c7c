import { parseSessionDetail, type SessionDetail, sessionDetailPath } from "../api/sessions-api.js";
import { useApiResource } from "../api/use-api-resource.js";
import { CopyButton } from "../components/copy-button.js";
import { ErrorPanel } from "../components/error-panel.js";
import { CostText } from "../components/traces/cost-text.js";
import { NameChips } from "../components/traces/name-chips.js";
import { StatTile } from "../components/traces/stat-tile.js";
import { TraceTable } from "../components/traces/trace-table.js";
import { formatAbsoluteTime } from "../format/format-time.js";
import { formatInteger, formatTokenCount } from "../format/format-tokens.js";
import { Link } from "../router/link.js";
import { emptyTraceFilters, tracesPagePath } from "../traces/trace-filters.js";

function SessionView({ detail }: { detail: SessionDetail }) {
  const { session, traces } = detail;
  return (
    <>
      <header className="trace-header">
        <nav className="breadcrumb" aria-label="Breadcrumb">
          <Link to="/sessions">Sessions</Link>
        </nav>
        <div className="trace-title-line">
          <h1 className="mono-heading">{session.sessionId}</h1>
          <CopyButton value={session.sessionId} label="session id" />
        </div>
        <div className="trace-meta">
          <span>
            From {formatAbsoluteTime(Date.parse(session.firstStartTime))} to{" "}
            {formatAbsoluteTime(Date.parse(session.lastStartTime))}
          </span>
          <Link to={tracesPagePath({ ...emptyTraceFilters, session: session.sessionId })}>
            Filter the traces list by this session
          </Link>
        </div>
        <dl className="stat-row" aria-label="Session totals">
          <StatTile label="Traces">{formatInteger(session.traceCount)}</StatTile>
          <StatTile label="Input tokens">
            <span title={formatInteger(session.inputTokens)}>{formatTokenCount(session.inputTokens)}</span>
          </StatTile>
          <StatTile label="Output tokens">
            <span title={formatInteger(session.outputTokens)}>{formatTokenCount(session.outputTokens)}</span>
          </StatTile>
          <StatTile label="Cost">
            <CostText micros={session.costMicros} />
          </StatTile>
          <StatTile label="Agents">
            <NameChips names={session.agents} limit={4} />
          </StatTile>
        </dl>
      </header>
      <h2 className="section-title">Traces</h2>
      {traces.length === 0 ? (
        <p className="muted">No traces of this session are stored any more.</p>
      ) : (
        <TraceTable traces={traces} label={`Traces of session ${session.sessionId}`} />
      )}
    </>
  );
}

/** One session: its totals and its traces, in the same table as the traces list. */
export function SessionPage({ sessionId }: { sessionId: string }) {
  const { state, reload } = useApiResource(sessionDetailPath(sessionId), parseSessionDetail);
  if (state.status === "loading") {
    return (
      <p className="muted loading-line" role="status">
        Loading session…
      </p>
    );
  }
  if (state.status === "error") {
    const notFound = state.error.status === 404;
    return (
      <>
        <ErrorPanel
          title={notFound ? "Session not found" : "Could not load the session"}
          error={state.error}
          onRetry={notFound ? undefined : reload}
        />
        <p>
          <Link to="/sessions">Back to the sessions</Link>
        </p>
      </>
    );
  }
  return <SessionView detail={state.data} />;
}
