import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Span } from "../api/trace-schemas.js";
import { parseTraceDetail, type TraceDetail, traceDetailPath } from "../api/traces-api.js";
import { useApiResource } from "../api/use-api-resource.js";
import { ErrorPanel } from "../components/error-panel.js";
import { AddToDatasetPanel } from "../components/evals/add-to-dataset-panel.js";
import { AgentRollupTable } from "../components/traces/agent-rollup-table.js";
import { SpanPanel } from "../components/traces/span-panel.js";
import { TraceHeader } from "../components/traces/trace-header.js";
import { Waterfall } from "../components/traces/waterfall.js";
import { navigate, useLocationSearch } from "../router/history-location.js";
import { Link } from "../router/link.js";
import { tracePagePath } from "../routes.js";

// The URL follows the selection after a pause, so holding an arrow key does not flood the history API.
const selectionUrlDelayMilliseconds = 300;

interface TraceDetailViewProps {
  detail: TraceDetail;
  initialSpanId: string | null;
  onReload: () => void;
  reloading: boolean;
}

function TraceDetailView({ detail, initialSpanId, onReload, reloading }: TraceDetailViewProps) {
  const spansById = useMemo(() => new Map(detail.spans.map((span) => [span.spanId, span])), [detail.spans]);
  const [selectedSpanId, setSelectedSpanId] = useState<string | null>(() => {
    if (initialSpanId !== null && spansById.has(initialSpanId)) return initialSpanId;
    const root = detail.trace.rootSpanId;
    return root !== null && spansById.has(root) ? root : (detail.spans[0]?.spanId ?? null);
  });
  const chosenByPerson = useRef(false);
  const [addingToDataset, setAddingToDataset] = useState(false);
  const traceId = detail.trace.traceId;

  const select = useCallback((spanId: string) => {
    chosenByPerson.current = true;
    setSelectedSpanId(spanId);
  }, []);

  useEffect(() => {
    if (!chosenByPerson.current || selectedSpanId === null) return;
    const timer = window.setTimeout(
      () => navigate(tracePagePath(traceId, selectedSpanId), { replace: true, keepScroll: true }),
      selectionUrlDelayMilliseconds,
    );
    return () => window.clearTimeout(timer);
  }, [traceId, selectedSpanId]);

  const traceStartMs = useMemo(
    () =>
      detail.spans.reduce((earliest, span) => Math.min(earliest, span.startTimeMs), Number.POSITIVE_INFINITY),
    [detail.spans],
  );
  const selected: Span | undefined = selectedSpanId === null ? undefined : spansById.get(selectedSpanId);
  const parent = selected?.parentSpanId ? (spansById.get(selected.parentSpanId) ?? null) : null;

  return (
    <>
      <TraceHeader
        trace={detail.trace}
        onReload={onReload}
        reloading={reloading}
        actions={
          <button
            type="button"
            className="button button-small"
            aria-expanded={addingToDataset}
            onClick={() => setAddingToDataset((open) => !open)}
          >
            Add to dataset
          </button>
        }
      />
      {addingToDataset && (
        <AddToDatasetPanel
          traceId={traceId}
          agent={detail.trace.agent}
          onClose={() => setAddingToDataset(false)}
        />
      )}
      {detail.spans.length === 0 ? (
        <p className="muted">This trace has no spans yet.</p>
      ) : (
        <div className="trace-layout">
          <section className="card waterfall-card" aria-label="Waterfall">
            <Waterfall spans={detail.spans} selectedSpanId={selectedSpanId} onSelect={select} />
          </section>
          {selected !== undefined ? (
            <SpanPanel span={selected} traceStartMs={traceStartMs} parent={parent} onSelectSpan={select} />
          ) : (
            <aside className="span-panel span-panel-empty">Select a span to see its attributes.</aside>
          )}
        </div>
      )}
      {detail.agents.length > 0 && (
        <section aria-labelledby="agents-title">
          <h2 id="agents-title" className="section-title">
            Agents
          </h2>
          <AgentRollupTable agents={detail.agents} />
        </section>
      )}
    </>
  );
}

/** One trace: summary, waterfall with its span panel, and the per-agent rollup. */
export function TracePage({ traceId }: { traceId: string }) {
  const { state, reload } = useApiResource(traceDetailPath(traceId), parseTraceDetail);
  const search = useLocationSearch();
  // Read once per trace: later URL updates come from the selection itself.
  const [initialSpanId] = useState(() => new URLSearchParams(search).get("span"));

  if (state.status === "loading") {
    return (
      <p className="muted loading-line" role="status">
        Loading trace…
      </p>
    );
  }
  if (state.status === "error") {
    const notFound = state.error.status === 404;
    return (
      <>
        <ErrorPanel
          title={notFound ? "Trace not found" : "Could not load the trace"}
          error={state.error}
          onRetry={notFound ? undefined : reload}
        />
        <p>
          <Link to="/traces">Back to the traces</Link>
        </p>
      </>
    );
  }
  return (
    <TraceDetailView
      detail={state.data}
      initialSpanId={initialSpanId}
      onReload={reload}
      reloading={state.refreshing}
    />
  );
}
