import type { AgentRollup } from "../../api/trace-schemas.js";
import { formatInteger, formatTokenCount } from "../../format/format-tokens.js";
import { CostText } from "./cost-text.js";

/** Per-agent totals of a trace, costliest first, with each agent's share of the known cost. */
export function AgentRollupTable({ agents }: { agents: readonly AgentRollup[] }) {
  const knownTotal = agents.reduce((sum, agent) => sum + (agent.costMicros ?? 0), 0);
  const ordered = [...agents].sort((left, right) => (right.costMicros ?? -1) - (left.costMicros ?? -1));
  return (
    <div className="table-frame">
      <table className="table data-table" aria-label="Cost and tokens per agent">
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col" className="numeric">
              Spans
            </th>
            <th scope="col" className="numeric">
              Input tokens
            </th>
            <th scope="col" className="numeric">
              Output tokens
            </th>
            <th scope="col" className="numeric">
              Cost
            </th>
            <th scope="col" className="share-column">
              Share of cost
            </th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((agent) => {
            const share = knownTotal > 0 && agent.costMicros !== null ? agent.costMicros / knownTotal : 0;
            return (
              <tr key={agent.agent ?? ""}>
                <td>{agent.agent ?? <span className="muted-cell">no agent</span>}</td>
                <td className="numeric">{formatInteger(agent.spanCount)}</td>
                <td className="numeric" title={formatInteger(agent.inputTokens)}>
                  {formatTokenCount(agent.inputTokens)}
                </td>
                <td className="numeric" title={formatInteger(agent.outputTokens)}>
                  {formatTokenCount(agent.outputTokens)}
                </td>
                <td className="numeric">
                  <CostText micros={agent.costMicros} />
                </td>
                <td className="share-column">
                  <span className="share-bar" aria-hidden="true">
                    <span className="share-bar-fill" style={{ width: `${share * 100}%` }} />
                  </span>
                  <span className="share-text">
                    {agent.costMicros === null ? "" : `${Math.round(share * 100)}%`}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
