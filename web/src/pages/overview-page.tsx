import { parseServerInfo, type ServerInfo, type StoreKind, serverInfoPath } from "../api/server-info.js";
import { useApiResource } from "../api/use-api-resource.js";
import { ErrorPanel } from "../components/error-panel.js";
import { InfoCard, InfoRow } from "../components/info-card.js";
import { ModelsTable } from "../components/models-table.js";
import { PathText } from "../components/path-text.js";
import { StatusBadge } from "../components/status-badge.js";
import { TierList } from "../components/tier-list.js";
import { formatDuration } from "../format/format-duration.js";
import { useNow } from "../hooks/use-now.js";

const storeKindLabels: Record<StoreKind, string> = { sqlite: "SQLite", postgres: "PostgreSQL" };

/** Server uptime, counted forward from the moment the info was loaded. */
function Uptime({ uptimeSeconds, loadedAt }: { uptimeSeconds: number; loadedAt: number }) {
  const now = useNow(1000);
  const elapsedSeconds = Math.max(0, (now - loadedAt) / 1000);
  return <>{formatDuration(uptimeSeconds + elapsedSeconds)}</>;
}

function OverviewCards({ info, loadedAt }: { info: ServerInfo; loadedAt: number }) {
  return (
    <div className="card-grid">
      <InfoCard title="Workspace">
        <dl>
          <InfoRow label="Name">{info.workspace.name}</InfoRow>
          <InfoRow label="Root">
            <PathText path={info.workspace.root} />
          </InfoRow>
        </dl>
      </InfoCard>
      <InfoCard title="Server">
        <dl>
          <InfoRow label="Version">
            {info.name} {info.version}
          </InfoRow>
          <InfoRow label="Uptime">
            <Uptime uptimeSeconds={info.uptimeSeconds} loadedAt={loadedAt} />
          </InfoRow>
          <InfoRow label="API keys">{info.auth.required ? "Required" : "Not required"}</InfoRow>
        </dl>
      </InfoCard>
      <InfoCard title="Store">
        <dl>
          <InfoRow label="Kind">{storeKindLabels[info.store.kind]}</InfoRow>
          <InfoRow label="Location">
            <PathText path={info.store.location} />
          </InfoRow>
          <InfoRow label="Migrations">
            {info.store.migrationsCurrent ? (
              <StatusBadge tone="good">Up to date</StatusBadge>
            ) : (
              <StatusBadge tone="warning">Pending</StatusBadge>
            )}
          </InfoRow>
        </dl>
      </InfoCard>
      <InfoCard title="Models" wide>
        <ModelsTable models={info.models} />
      </InfoCard>
      <InfoCard title="Tiers" wide>
        <TierList tiers={info.tiers} />
      </InfoCard>
    </div>
  );
}

/** The landing page: what this control plane is, where its data lives and which models it calls. */
export function OverviewPage() {
  const { state, reload } = useApiResource(serverInfoPath, parseServerInfo);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Overview</h1>
          {state.status === "ready" && (
            <p className="muted">
              Workspace <strong>{state.data.workspace.name}</strong>
            </p>
          )}
        </div>
        {state.status === "ready" && (
          <button type="button" className="button" onClick={reload} disabled={state.refreshing}>
            {state.refreshing ? "Refreshing…" : "Refresh"}
          </button>
        )}
      </div>
      {state.status === "loading" && (
        <p className="muted" role="status">
          Loading server information…
        </p>
      )}
      {state.status === "error" && (
        <ErrorPanel title="Could not load server information" error={state.error} onRetry={reload} />
      )}
      {state.status === "ready" && <OverviewCards info={state.data} loadedAt={state.loadedAt} />}
    </>
  );
}
