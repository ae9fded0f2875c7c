import type { ServerInfo } from "../api/server-info.js";

/** Each tier with its candidate models in preference order (the first is tried first). */
export function TierList({ tiers }: { tiers: ServerInfo["tiers"] }) {
  const entries = Object.entries(tiers);
  if (entries.length === 0) {
    return <p className="muted">No tiers are configured; agents name their models directly.</p>;
  }
  return (
    <dl className="tier-list">
      {entries.map(([tier, modelIds]) => (
        <div key={tier} className="info-row">
          <dt>{tier}</dt>
          <dd>
            <ol className="chip-list" aria-label={`Models of the ${tier} tier, in preference order`}>
              {modelIds.map((modelId) => (
                <li key={modelId} className="chip">
                  {modelId}
                </li>
              ))}
            </ol>
          </dd>
        </div>
      ))}
    </dl>
  );
}
