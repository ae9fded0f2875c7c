import type { ReactNode } from "react";
import type { TraceSummary } from "../../api/trace-schemas.js";
import { formatAbsoluteTime } from "../../format/format-time.js";
import { formatInteger, formatTokenCount } from "../../format/format-tokens.js";
import { useNow } from "../../hooks/use-now.js";
import { Link } from "../../router/link.js";
import { sessionPagePath } from "../../routes.js";
import { CopyButton } from "../copy-button.js";
import { CostText } from "./cost-text.js";
import { NameChips } from "./name-chips.js";
import { RelativeTime } from "./relative-time.js";
import { SpanName } from "./span-name.js";
import { StatTile } from "./stat-tile.js";
import { TraceDuration } from "./trace-duration.js";
import { TraceStatusBadge } from "./trace-status-badge.js";

export interface TraceHeaderProps {
  trace: TraceSummary;
  /** Reads the trace again: spans of a running trace keep arriving. */
  onReload: () => void;
  reloading: boolean;
  /** Buttons beside Reload (Add to dataset). */
  actions?: ReactNode;
}

/** The trace's name, status, ids and totals, above its waterfall. */
export function TraceHeader({ trace, onReload, reloading, actions }: TraceHeaderProps) {
  const now = useNow(10_000);
  const startMs = Date.parse(trace.startTime);
  return (
    <header className="trace-header">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/traces">Traces</Link>
        <span aria-hidden="true"> / </span>
        <span>{trace.traceId.slice(0, 8)}</span>
      </nav>
      <div className="trace-title-line">
        <h1>
          <SpanName name={trace.rootName} />
        </h1>
        <TraceStatusBadge status={trace.status} />
        <button
          type="button"
          className="button button-small trace-reload"
          onClick={onReload}
          disabled={reloading}
        >
          {reloading ? "Reloading…" : "Reload"}
        </button>
        {actions}
      </div>
      <div className="trace-meta">
        <span className="id-line">
          <span className="id-label">Trace</span>
          <code className="id-value">{trace.traceId}</code>
          <CopyButton value={trace.traceId} label="trace id" />
        </span>
        <span>
          Started <span title={trace.startTime}>{formatAbsoluteTime(startMs)}</span> (
          <RelativeTime epochMilliseconds={startMs} now={now} />)
        </span>
        {trace.agent !== null && (
          <span>
            Agent <strong>{trace.agent}</strong>
          </span>
        )}
        {trace.sessionId !== null && (
          <span>
            Session <Link to={sessionPagePath(trace.sessionId)}>{trace.sessionId}</Link>
          </span>
        )}
      </div>
      {trace.error !== null && (
        <div className="trace-error" role="note">
          {trace.error}
        </div>
      )}
      <dl className="stat-row" aria-label="Trace totals">
        <StatTile label="Duration">
          <TraceDuration durationMs={trace.durationMs} />
        </StatTile>
        <StatTile label="Spans">{formatInteger(trace.spanCount)}</StatTile>
        <StatTile label="Input tokens">
          <span title={formatInteger(trace.inputTokens)}>{formatTokenCount(trace.inputTokens)}</span>
          {trace.cacheReadTokens > 0 && (
            <span className="stat-note" title="Input tokens read from the provider's prompt cache">
              {formatTokenCount(trace.cacheReadTokens)} cached
            </span>
          )}
        </StatTile>
        <StatTile label="Output tokens">
          <span title={formatInteger(trace.outputTokens)}>{formatTokenCount(trace.outputTokens)}</span>
        </StatTile>
        <StatTile label="Cost">
          <CostText micros={trace.costMicros} />
        </StatTile>
        <StatTile label="Models">
          <NameChips names={trace.models} limit={2} />
        </StatTile>
      </dl>
    </header>
  );
}
