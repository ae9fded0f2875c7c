import { formatMilliseconds } from "../../format/format-milliseconds.js";
import type { ModelAttemptRow } from "../../traces/span-attributes.js";
import { StatusBadge } from "../status-badge.js";
import { CostText } from "./cost-text.js";

function OutcomeBadge({ outcome }: { outcome: string }) {
  if (outcome === "success") return <StatusBadge tone="good">success</StatusBadge>;
  if (outcome === "error") return <StatusBadge tone="danger">error</StatusBadge>;
  return <StatusBadge tone="neutral">{outcome}</StatusBadge>;
}

/** Every attempt of a model call (`gantry.model.attempts`): retries and failover, in order. */
export function ModelAttemptsTable({ attempts }: { attempts: readonly ModelAttemptRow[] }) {
  return (
    <table className="table compact-table" aria-label="Model attempts">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Model</th>
          <th scope="col">Outcome</th>
          <th scope="col" className="numeric">
            Time
          </th>
          <th scope="col" className="numeric">
            Cost
          </th>
        </tr>
      </thead>
      <tbody>
        {attempts.map((attempt) => (
          <tr key={attempt.number}>
            <td className="numeric-left">{attempt.number}</td>
            <td>
              <span className="attempt-model">{attempt.model}</span>
              {attempt.provider !== "" && <span className="attempt-provider"> {attempt.provider}</span>}
              {attempt.errorCode !== null && (
                <span className="attempt-error">
                  {attempt.errorCode}
                  {attempt.statusCode !== null && ` · HTTP ${attempt.statusCode}`}
                </span>
              )}
            </td>
            <td>
              <OutcomeBadge outcome={attempt.outcome} />
            </td>
            <td className="numeric">
              {attempt.durationMs === null ? "—" : formatMilliseconds(attempt.durationMs)}
              {attempt.waitedMs !== null && attempt.waitedMs > 0 && (
                <span className="attempt-waited">waited {formatMilliseconds(attempt.waitedMs)}</span>
              )}
            </td>
            <td className="numeric">
              {attempt.outcome === "success" || attempt.costMicros !== null ? (
                <CostText micros={attempt.costMicros} />
              ) : (
                ""
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
