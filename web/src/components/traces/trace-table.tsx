import type { TraceSummary } from "../../api/trace-schemas.js";
import { formatInteger } from "../../format/format-tokens.js";
import { useNow } from "../../hooks/use-now.js";
import { Link } from "../../router/link.js";
import { openOnRowClick } from "../../router/open-on-row-click.js";
import { tracePagePath } from "../../routes.js";
import { CostText } from "./cost-text.js";
import { NameChips } from "./name-chips.js";
import { RelativeTime } from "./relative-time.js";
import { SpanName } from "./span-name.js";
import { TokenPair } from "./token-pair.js";
import { TraceDuration } from "./trace-duration.js";
import { TraceStatusBadge } from "./trace-status-badge.js";

export interface TraceTableProps {
  traces: readonly TraceSummary[];
  /** Accessible name of the table, e.g. "Traces" or "Traces of session sess_1". */
  label: string;
}

/** The dense list of traces: when, what, who, how long, how much, and whether it failed. */
export function TraceTable({ traces, label }: TraceTableProps) {
  const now = useNow(10_000);
  return (
    <div className="table-frame">
      <table className="table data-table trace-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Trace</th>
            <th scope="col">Agent</th>
            <th scope="col">Models</th>
            <th scope="col" className="numeric">
              Duration
            </th>
            <th scope="col" className="numeric">
              Spans
            </th>
            <th scope="col" className="numeric">
              Tokens in → out
            </th>
            <th scope="col" className="numeric">
              Cost
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {traces.map((trace) => (
            <tr
              key={trace.traceId}
              className={trace.status === "error" ? "clickable-row row-error" : "clickable-row"}
              onClick={(event) => openOnRowClick(event, tracePagePath(trace.traceId))}
            >
              <td className="nowrap muted-cell">
                <RelativeTime epochMilliseconds={Date.parse(trace.startTime)} now={now} />
              </td>
              <td className="trace-cell">
                <Link to={tracePagePath(trace.traceId)} className="trace-link">
                  <SpanName name={trace.rootName} />
                </Link>
                {trace.error !== null && (
                  <span className="error-snippet" title={trace.error}>
                    {trace.error}
                  </span>
                )}
              </td>
              <td className="nowrap">{trace.agent ?? <span className="muted-cell">—</span>}</td>
              <td>
                <NameChips names={trace.models} limit={1} />
              </td>
              <td className="numeric">
                <TraceDuration durationMs={trace.durationMs} />
              </td>
              <td className="numeric">{formatInteger(trace.spanCount)}</td>
              <td className="numeric">
                <TokenPair
                  input={trace.inputTokens}
                  output={trace.outputTokens}
                  cacheRead={trace.cacheReadTokens}
                />
              </td>
              <td className="numeric">
                <CostText micros={trace.costMicros} />
              </td>
              <td>
                <TraceStatusBadge status={trace.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
