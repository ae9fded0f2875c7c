export interface TracesEmptyStateProps {
  /** True when filters are narrowing the list: the advice is then to widen them. */
  filtered: boolean;
  onClearFilters: () => void;
}

/** What to do when there are no traces: make one, or send some over OTLP. */
export function TracesEmptyState({ filtered, onClearFilters }: TracesEmptyStateProps) {
  if (filtered) {
    return (
      <div className="empty-state">
        <h2>No traces match these filters</h2>
        <p className="muted">Widen the time window or remove a filter.</p>
        <button type="button" className="button" onClick={onClearFilters}>
          Clear filters
        </button>
      </div>
    );
  }
  const endpoint = `${window.location.origin}/v1/traces`;
  return (
    <div className="empty-state">
      <h2>No traces yet</h2>
      <p className="muted">
        Every model call, agent run and tool call Gantry makes is recorded here. Make one:
      </p>
      <pre className="command">
        <code>gantry models call tier:small "hello"</code>
      </pre>
      <p className="muted">
        Or point any OpenTelemetry exporter (OTLP/HTTP, JSON or protobuf) at this server:
      </p>
      <pre className="command">
        <code>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT={endpoint}</code>
      </pre>
    </div>
  );
}
