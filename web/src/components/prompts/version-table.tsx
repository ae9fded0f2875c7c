import type { PromptLabel, PromptVersion, VersionMetrics } from "../../api/prompts-api.js";
import { formatMilliseconds } from "../../format/format-milliseconds.js";
import { formatInteger } from "../../format/format-tokens.js";
import { CostText } from "../traces/cost-text.js";
import { RelativeTime } from "../traces/relative-time.js";
import { LabelChips } from "./label-chips.js";

export interface VersionTableProps {
  versions: readonly PromptVersion[];
  labels: readonly PromptLabel[];
  /** Per-hash usage; null while it loads or when it could not be read. */
  metrics: readonly VersionMetrics[] | null;
  now: number;
}

function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

function ScoreCell({ usage }: { usage: VersionMetrics | undefined }) {
  const scores = usage?.scores;
  if (!scores) return <td className="numeric muted-cell">—</td>;
  return (
    <td className="numeric" title={`mean of ${scores.count} online eval scores`}>
      {scores.mean.toFixed(2)}
    </td>
  );
}

function UsageCells({ usage, loading }: { usage: VersionMetrics | undefined; loading: boolean }) {
  if (usage === undefined) {
    const text = loading ? "…" : "—";
    return (
      <>
        {["calls", "runs", "cost", "errors", "latency"].map((column) => (
          <td key={column} className="numeric muted-cell">
            {text}
          </td>
        ))}
      </>
    );
  }
  const errorRate = usage.calls === 0 ? 0 : usage.errors / usage.calls;
  return (
    <>
      <td className="numeric">{formatInteger(usage.calls)}</td>
      <td className="numeric">{formatInteger(usage.traces)}</td>
      <td className="numeric">
        {usage.calls === 0 ? <span className="muted-cell">—</span> : <CostText micros={usage.costMicros} />}
      </td>
      <td
        className={usage.errors > 0 ? "numeric prompt-errors" : "numeric"}
        title={usage.calls === 0 ? undefined : `${(errorRate * 100).toFixed(1)}% of calls failed`}
      >
        {formatInteger(usage.errors)}
      </td>
      <td className="numeric">
        {usage.meanDurationMs === null ? (
          <span className="muted-cell">—</span>
        ) : (
          formatMilliseconds(usage.meanDurationMs)
        )}
      </td>
    </>
  );
}

/**
 * Every version, newest first, with where labels point and what the traces say about it: calls, runs
 * (traces), cost, errors, mean latency and the mean online eval score of the traces it served. Texts that calls carried
 * but nobody pushed follow as "unregistered": that is what drift looks like.
 */
export function VersionTable({ versions, labels, metrics, now }: VersionTableProps) {
  const usageByHash = new Map((metrics ?? []).map((row) => [row.hash, row]));
  const unregistered = (metrics ?? []).filter((row) => row.version === null);
  return (
    <div className="table-frame">
      <table className="table data-table version-table" aria-label="Versions">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Labels</th>
            <th scope="col">Pushed</th>
            <th scope="col">Message</th>
            <th scope="col" className="numeric">
              Calls
            </th>
            <th scope="col" className="numeric">
              Runs
            </th>
            <th scope="col" className="numeric">
              Cost
            </th>
            <th scope="col" className="numeric">
              Errors
            </th>
            <th scope="col" className="numeric">
              Mean latency
            </th>
            <th
              scope="col"
              className="numeric"
              title="Mean online eval score of the traces each version served"
            >
              Score
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => (
            <tr key={version.version}>
              <td className="nowrap">
                <code className="prompt-version">{version.version}</code>
                <span className="prompt-hash" title={version.hash}>
                  {shortHash(version.hash)}
                </span>
              </td>
              <td>
                <LabelChips
                  labels={labels.filter((label) => label.version === version.version)}
                  showVersions={false}
                />
              </td>
              <td className="nowrap muted-cell">
                <RelativeTime epochMilliseconds={Date.parse(version.createdAt)} now={now} />
                {version.author !== null && <span> by {version.author}</span>}
              </td>
              <td className="prompt-message" title={version.message ?? undefined}>
                {version.message ?? <span className="muted-cell">—</span>}
              </td>
              <UsageCells usage={usageByHash.get(version.hash)} loading={metrics === null} />
              <ScoreCell usage={usageByHash.get(version.hash)} />
            </tr>
          ))}
          {unregistered.map((row) => (
            <tr key={row.hash} className="row-warning">
              <td className="nowrap">
                <span className="prompt-unregistered">unregistered</span>
                <span className="prompt-hash" title={row.hash}>
                  {shortHash(row.hash)}
                </span>
              </td>
              <td>
                <span className="muted-cell">—</span>
              </td>
              <td className="nowrap muted-cell">
                {row.lastSeenMs !== null && (
                  <>
                    last used <RelativeTime epochMilliseconds={row.lastSeenMs} now={now} />
                  </>
                )}
              </td>
              <td className="muted-cell">a text no one pushed</td>
              <UsageCells usage={row} loading={false} />
              <ScoreCell usage={row} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
