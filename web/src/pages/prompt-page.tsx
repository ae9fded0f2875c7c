import { useMemo } from "react";
import {
  type PromptDetail,
  parsePromptDetail,
  parsePromptMetrics,
  promptDetailPath,
  promptMetricsPath,
  type VersionMetrics,
} from "../api/prompts-api.js";
import { useApiResource } from "../api/use-api-resource.js";
import { CopyButton } from "../components/copy-button.js";
import { ErrorPanel } from "../components/error-panel.js";
import { DriftAlertList } from "../components/prompts/drift-alert-list.js";
import { DriftBadge } from "../components/prompts/drift-badge.js";
import { LabelChips } from "../components/prompts/label-chips.js";
import { LabelHistoryTable } from "../components/prompts/label-history-table.js";
import { PromptDiffView } from "../components/prompts/prompt-diff-view.js";
import { VersionTable } from "../components/prompts/version-table.js";
import { CostText } from "../components/traces/cost-text.js";
import { RelativeTime } from "../components/traces/relative-time.js";
import { StatTile } from "../components/traces/stat-tile.js";
import { formatInteger } from "../format/format-tokens.js";
import { useNow } from "../hooks/use-now.js";
import { diffOptions, effectiveDiffSelection, parseDiffSelection } from "../prompts/diff-selection.js";
import { navigate, useLocationSearch } from "../router/history-location.js";
import { Link } from "../router/link.js";
import { promptPagePath } from "../routes.js";

function PromptHeader({
  detail,
  metrics,
}: {
  detail: PromptDetail;
  metrics: readonly VersionMetrics[] | null;
}) {
  const { prompt } = detail;
  const now = useNow(10_000);
  const production = detail.labels.find((label) => label.label === "production");
  const calls = metrics?.reduce((sum, row) => sum + row.calls, 0);
  const cost = metrics?.reduce((sum, row) => sum + row.costMicros, 0);
  return (
    <header className="trace-header">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/prompts">Prompts</Link>
        <span aria-hidden="true"> / </span>
        <span>{prompt.promptId}</span>
      </nav>
      <div className="trace-title-line">
        <h1>{prompt.promptId}</h1>
        <code className="muted-cell">{prompt.latestVersion}</code>
        <DriftBadge count={detail.driftAlerts.length} />
      </div>
      {prompt.description !== null && <p className="muted">{prompt.description}</p>}
      <div className="trace-meta">
        <span className="id-line">
          <span className="id-label">Latest hash</span>
          <code className="id-value">{prompt.latestHash.slice(0, 16)}</code>
          <CopyButton value={prompt.latestHash} label="hash" />
        </span>
        <span>
          Updated <RelativeTime epochMilliseconds={Date.parse(prompt.updatedAt)} now={now} />
        </span>
      </div>
      <dl className="stat-row" aria-label="Prompt totals">
        <StatTile label="Production">
          {production === undefined ? (
            <span className="muted-cell">not set</span>
          ) : (
            <code>{production.version}</code>
          )}
        </StatTile>
        <StatTile label="Versions">{formatInteger(prompt.versions)}</StatTile>
        <StatTile label="Calls">{calls === undefined ? "…" : formatInteger(calls)}</StatTile>
        <StatTile label="Cost">{cost === undefined ? "…" : <CostText micros={cost} />}</StatTile>
      </dl>
    </header>
  );
}

function PromptView({ promptId, detail }: { promptId: string; detail: PromptDetail }) {
  const metrics = useApiResource(promptMetricsPath(promptId), parsePromptMetrics);
  const search = useLocationSearch();
  const now = useNow(10_000);
  const rows = metrics.state.status === "ready" ? metrics.state.data.metrics : null;
  const selection = useMemo(
    () => effectiveDiffSelection(parseDiffSelection(search), detail.versions, detail.labels),
    [search, detail],
  );
  const options = useMemo(() => diffOptions(detail.labels, detail.versions), [detail]);
  return (
    <>
      <PromptHeader detail={detail} metrics={rows} />

      <section aria-labelledby="prompt-labels">
        <h2 id="prompt-labels" className="section-title">
          Labels
        </h2>
        <LabelChips labels={detail.labels} />
      </section>

      {detail.driftAlerts.length > 0 && (
        <section aria-labelledby="prompt-drift">
          <h2 id="prompt-drift" className="section-title">
            Drift <span className="count-pill">{detail.driftAlerts.length}</span>
          </h2>
          <DriftAlertList promptId={promptId} alerts={detail.driftAlerts} now={now} />
        </section>
      )}

      <section aria-labelledby="prompt-versions">
        <h2 id="prompt-versions" className="section-title">
          Versions
        </h2>
        {metrics.state.status === "error" && (
          <ErrorPanel
            title="Could not load the usage per version"
            error={metrics.state.error}
            onRetry={metrics.reload}
          />
        )}
        <VersionTable versions={detail.versions} labels={detail.labels} metrics={rows} now={now} />
        <p className="muted table-note">
          Calls, runs, cost, errors and latency come from the model calls whose span carried the version's
          hash. Eval scores per version are not recorded yet.
        </p>
      </section>

      {selection === undefined ? (
        <section aria-labelledby="prompt-diff-title">
          <h2 id="prompt-diff-title" className="section-title">
            Compare
          </h2>
          <p className="muted">Only one version so far: push another to compare.</p>
        </section>
      ) : (
        <PromptDiffView
          promptId={promptId}
          selection={selection}
          options={options}
          onChange={(next) => navigate(promptPagePath(promptId, next), { replace: true, keepScroll: true })}
        />
      )}

      <section aria-labelledby="prompt-history">
        <h2 id="prompt-history" className="section-title">
          Label history
        </h2>
        <LabelHistoryTable history={detail.history} now={now} />
      </section>
    </>
  );
}

/** One prompt: labels, drift, versions with their usage, a side-by-side diff and the label history. */
export function PromptPage({ promptId }: { promptId: string }) {
  const { state, reload } = useApiResource(promptDetailPath(promptId), parsePromptDetail);
  if (state.status === "loading") {
    return (
      <p className="muted loading-line" role="status">
        Loading prompt…
      </p>
    );
  }
  if (state.status === "error") {
    const notFound = state.error.status === 404;
    return (
      <>
        <ErrorPanel
          title={notFound ? "Prompt not found" : "Could not load the prompt"}
          error={state.error}
          onRetry={notFound ? undefined : reload}
        />
        <p>
          <Link to="/prompts">Back to the prompts</Link>
        </p>
      </>
    );
  }
  return <PromptView promptId={promptId} detail={state.data} />;
}
