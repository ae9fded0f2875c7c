import { useMemo, useState } from "react";
import type { ItemPage } from "../api/merge-refreshed-page.js";
import type { TraceSummary } from "../api/trace-schemas.js";
import { parseTraceList } from "../api/traces-api.js";
import { usePagedList } from "../api/use-paged-list.js";
import { AutoRefreshToggle } from "../components/auto-refresh-toggle.js";
import { PagedListRefreshButton, PagedListView } from "../components/paged-list-view.js";
import { TraceFilterBar } from "../components/traces/trace-filter-bar.js";
import { TraceTable } from "../components/traces/trace-table.js";
import { TracesEmptyState } from "../components/traces/traces-empty-state.js";
import { useDocumentVisible } from "../hooks/use-document-visible.js";
import { useInterval } from "../hooks/use-interval.js";
import { navigate, useLocationSearch } from "../router/history-location.js";
import {
  emptyTraceFilters,
  hasActiveFilters,
  parseTraceFilters,
  type TraceFilters,
  traceListApiPath,
  tracesPagePath,
} from "../traces/trace-filters.js";

const pageSize = 50;
const autoRefreshSeconds = 5;

function parseTracePage(value: unknown): ItemPage<TraceSummary> {
  const page = parseTraceList(value);
  return { items: page.traces, nextCursor: page.nextCursor };
}

function traceKey(trace: TraceSummary): string {
  return trace.traceId;
}

function distinctSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((left, right) => left.localeCompare(right));
}

/** The traces list: filters in the URL, newest first, "Load more" and optional auto-refresh. */
export function TracesPage() {
  const search = useLocationSearch();
  const filters = useMemo(() => parseTraceFilters(search), [search]);
  const [autoRefresh, setAutoRefresh] = useState(false);
  const visible = useDocumentVisible();
  const list = usePagedList({
    path: traceListApiPath(filters, { limit: pageSize }),
    pathWithCursor: (cursor) => traceListApiPath(filters, { limit: pageSize, cursor }),
    parse: parseTracePage,
    keyOf: traceKey,
  });
  const { state, refresh } = list;
  useInterval(refresh, autoRefreshSeconds * 1000, autoRefresh && visible);

  const traces = state.status === "ready" ? state.list.items : [];
  const agentSuggestions = useMemo(
    () => distinctSorted(traces.flatMap((trace) => (trace.agent === null ? [] : [trace.agent]))),
    [traces],
  );
  const modelSuggestions = useMemo(() => distinctSorted(traces.flatMap((trace) => trace.models)), [traces]);

  function changeFilters(next: TraceFilters, options: { replace: boolean }) {
    navigate(tracesPagePath(next), { replace: options.replace, keepScroll: true });
  }

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Traces</h1>
          <p className="muted">Agent runs, model calls and tool calls, newest first.</p>
        </div>
        <div className="page-actions">
          <AutoRefreshToggle
            enabled={autoRefresh}
            intervalSeconds={autoRefreshSeconds}
            onChange={setAutoRefresh}
          />
          <PagedListRefreshButton list={list} />
        </div>
      </div>
      <TraceFilterBar
        filters={filters}
        onChange={changeFilters}
        agentSuggestions={agentSuggestions}
        modelSuggestions={modelSuggestions}
      />
      <PagedListView
        list={list}
        noun="trace"
        empty={
          <TracesEmptyState
            filtered={hasActiveFilters(filters)}
            onClearFilters={() => changeFilters(emptyTraceFilters, { replace: false })}
          />
        }
        renderItems={(items) => <TraceTable traces={items} label="Traces" />}
      />
    </>
  );
}
