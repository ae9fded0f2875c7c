import type { RunSummary } from "../../api/runs-api.js";
import { formatInteger } from "../../format/format-tokens.js";
import { useNow } from "../../hooks/use-now.js";
import { Link } from "../../router/link.js";
import { openOnRowClick } from "../../router/open-on-row-click.js";
import { runPagePath, tracePagePath } from "../../routes.js";
import { CostText } from "../traces/cost-text.js";
import { RelativeTime } from "../traces/relative-time.js";
import { RunStatusBadge } from "./run-status-badge.js";

// What a row says under the status: why it waits, or what went wrong.
function statusNote(run: RunSummary): string | null {
  if (run.pause !== null) return `${run.pause.reason}: ${run.pause.message}`;
  if (run.error !== null) return `${run.error.code}: ${run.error.message}`;
  return null;
}

/** The runs list: when, which agent, status (paused stands out), steps, tool calls, cost and trace. */
export function RunTable({ runs, label }: { runs: readonly RunSummary[]; label: string }) {
  const now = useNow(10_000);
  return (
    <div className="table-frame">
      <table className="table data-table run-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Run</th>
            <th scope="col">Agent</th>
            <th scope="col">Status</th>
            <th scope="col" className="numeric">
              Steps
            </th>
            <th scope="col" className="numeric">
              Tool calls
            </th>
            <th scope="col" className="numeric">
              Cost
            </th>
            <th scope="col">Trace</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const note = statusNote(run);
            return (
              <tr
                key={run.runId}
                className={run.status === "failed" ? "clickable-row row-error" : "clickable-row"}
                onClick={(event) => openOnRowClick(event, runPagePath(run.runId))}
              >
                <td className="nowrap muted-cell">
                  <RelativeTime epochMilliseconds={Date.parse(run.createdAt)} now={now} />
                </td>
                <td className="nowrap">
                  <Link to={runPagePath(run.runId)} className="mono-link">
                    {run.runId}
                  </Link>
                </td>
                <td className="nowrap">
                  {run.agent}
                  {run.agentVersion !== null && <span className="muted-cell"> {run.agentVersion}</span>}
                </td>
                <td>
                  <RunStatusBadge status={run.status} />
                  {note !== null && (
                    <span className="run-status-note" title={note}>
                      {note}
                    </span>
                  )}
                </td>
                <td className="numeric">{formatInteger(run.steps)}</td>
                <td className="numeric">{formatInteger(run.toolCalls)}</td>
                <td className="numeric">
                  <CostText micros={run.costMicros} />
                </td>
                <td className="nowrap">
                  {run.traceId === null ? (
                    <span className="muted-cell">—</span>
                  ) : (
                    <Link to={tracePagePath(run.traceId)} className="mono-link" title={run.traceId}>
                      {run.traceId.slice(0, 8)}
                    </Link>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
