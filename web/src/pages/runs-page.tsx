import { useMemo } from "react";
import type { ItemPage } from "../api/merge-refreshed-page.js";
import { parseRunList, type RunSummary } from "../api/runs-api.js";
import { usePagedList } from "../api/use-paged-list.js";
import { PagedListRefreshButton, PagedListView } from "../components/paged-list-view.js";
import { RunFilterBar } from "../components/runs/run-filter-bar.js";
import { RunTable } from "../components/runs/run-table.js";
import { navigate, useLocationSearch } from "../router/history-location.js";
import {
  emptyRunFilters,
  hasActiveRunFilters,
  parseRunFilters,
  type RunFilters,
  runListApiPath,
  runsPagePath,
} from "../runs/run-filters.js";

const pageSize = 50;

function parseRunPage(value: unknown): ItemPage<RunSummary> {
  const page = parseRunList(value);
  return { items: page.runs, nextCursor: page.nextCursor };
}

function runKey(run: RunSummary): string {
  return run.runId;
}

function RunsEmptyState({ filtered, onClearFilters }: { filtered: boolean; onClearFilters: () => void }) {
  if (filtered) {
    return (
      <div className="empty-state">
        <h2>No runs match these filters</h2>
        <button type="button" className="button" onClick={onClearFilters}>
          Clear filters
        </button>
      </div>
    );
  }
  return (
    <div className="empty-state">
      <h2>No runs yet</h2>
      <p className="muted">
        Start one with <code>gantry run &lt;agent&gt; --input "…"</code>, or{" "}
        <code>POST /api/v1/agents/&lt;agent&gt;/runs</code>.
      </p>
    </div>
  );
}

/** Agent runs, newest first: status (paused ones wait for a resume), steps, tool calls, cost, trace. */
export function RunsPage() {
  const search = useLocationSearch();
  const filters = useMemo(() => parseRunFilters(search), [search]);
  const list = usePagedList({
    path: runListApiPath(filters, { limit: pageSize }),
    pathWithCursor: (cursor) => runListApiPath(filters, { limit: pageSize, cursor }),
    parse: parseRunPage,
    keyOf: runKey,
  });
  const runs = list.state.status === "ready" ? list.state.list.items : [];
  const agentSuggestions = useMemo(
    () => [...new Set(runs.map((run) => run.agent))].sort((left, right) => left.localeCompare(right)),
    [runs],
  );

  function changeFilters(next: RunFilters, options: { replace: boolean }) {
    navigate(runsPagePath(next), { replace: options.replace, keepScroll: true });
  }

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Runs</h1>
          <p className="muted">
            Agent runs, newest first: finished, running and paused ones waiting for a resume.
          </p>
        </div>
        <div className="page-actions">
          <PagedListRefreshButton list={list} />
        </div>
      </div>
      <RunFilterBar filters={filters} onChange={changeFilters} agentSuggestions={agentSuggestions} />
      <PagedListView
        list={list}
        noun="run"
        empty={
          <RunsEmptyState
            filtered={hasActiveRunFilters(filters)}
            onClearFilters={() => changeFilters(emptyRunFilters, { replace: false })}
          />
        }
        renderItems={(items) => <RunTable runs={items} label="Runs" />}
      />
    </>
  );
}
