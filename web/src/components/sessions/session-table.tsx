import type { SessionSummary } from "../../api/sessions-api.js";
import { formatInteger } from "../../format/format-tokens.js";
import { useNow } from "../../hooks/use-now.js";
import { Link } from "../../router/link.js";
import { sessionPagePath } from "../../routes.js";
import { CostText } from "../traces/cost-text.js";
import { NameChips } from "../traces/name-chips.js";
import { RelativeTime } from "../traces/relative-time.js";
import { TokenPair } from "../traces/token-pair.js";

/** Sessions, most recently active first, with their totals. */
export function SessionTable({ sessions }: { sessions: readonly SessionSummary[] }) {
  const now = useNow(10_000);
  return (
    <div className="table-frame">
      <table className="table data-table" aria-label="Sessions">
        <thead>
          <tr>
            <th scope="col">Last active</th>
            <th scope="col">Session</th>
            <th scope="col">Agents</th>
            <th scope="col" className="numeric">
              Traces
            </th>
            <th scope="col">First seen</th>
            <th scope="col" className="numeric">
              Tokens in → out
            </th>
            <th scope="col" className="numeric">
              Cost
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.sessionId}>
              <td className="nowrap muted-cell">
                <RelativeTime epochMilliseconds={Date.parse(session.lastStartTime)} now={now} />
              </td>
              <td>
                <Link to={sessionPagePath(session.sessionId)} className="mono-link">
                  {session.sessionId}
                </Link>
              </td>
              <td>
                <NameChips names={session.agents} limit={3} />
              </td>
              <td className="numeric">{formatInteger(session.traceCount)}</td>
              <td className="nowrap muted-cell">
                <RelativeTime epochMilliseconds={Date.parse(session.firstStartTime)} now={now} />
              </td>
              <td className="numeric">
                <TokenPair input={session.inputTokens} output={session.outputTokens} />
              </td>
              <td className="numeric">
                <CostText micros={session.costMicros} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
