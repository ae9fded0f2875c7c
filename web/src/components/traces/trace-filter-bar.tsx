import {
  emptyTraceFilters,
  hasActiveFilters,
  sincePresets,
  type TraceFilters,
} from "../../traces/trace-filters.js";
import { FilterTextInput } from "../filter-text-input.js";
import { SegmentedControl, type SegmentedOption } from "../segmented-control.js";

export interface TraceFilterBarProps {
  filters: TraceFilters;
  /** `replace` for typed values (no history entry per word), push for clicks. */
  onChange: (filters: TraceFilters, options: { replace: boolean }) => void;
  agentSuggestions: readonly string[];
  modelSuggestions: readonly string[];
}

const statusOptions: readonly SegmentedOption<TraceFilters["status"]>[] = [
  { value: "", label: "All" },
  { value: "ok", label: "OK" },
  { value: "error", label: "Error" },
];

function sinceOptions(since: string): SegmentedOption<string>[] {
  const options: SegmentedOption<string>[] = [{ value: "", label: "All time" }, ...sincePresets];
  // A shared link may carry an exact timestamp; show it as its own choice rather than drop it.
  if (since !== "" && !options.some((option) => option.value === since)) {
    options.push({ value: since, label: `Since ${since}` });
  }
  return options;
}

/** Status, time window, agent, model and session filters; every change goes to the URL. */
export function TraceFilterBar({
  filters,
  onChange,
  agentSuggestions,
  modelSuggestions,
}: TraceFilterBarProps) {
  const set = (patch: Partial<TraceFilters>, replace: boolean) =>
    onChange({ ...filters, ...patch }, { replace });
  return (
    <search className="filter-bar" aria-label="Trace filters">
      <div className="filter-group">
        <span className="filter-label" aria-hidden="true">
          Status
        </span>
        <SegmentedControl
          label="Status"
          options={statusOptions}
          value={filters.status}
          onChange={(status) => set({ status }, false)}
        />
      </div>
      <div className="filter-group">
        <span className="filter-label" aria-hidden="true">
          Time
        </span>
        <SegmentedControl
          label="Time window"
          options={sinceOptions(filters.since)}
          value={filters.since}
          onChange={(since) => set({ since, until: "" }, false)}
        />
      </div>
      <FilterTextInput
        label="Agent"
        placeholder="any agent"
        value={filters.agent}
        suggestions={agentSuggestions}
        onCommit={(agent) => set({ agent }, true)}
      />
      <FilterTextInput
        label="Model"
        placeholder="any model"
        value={filters.model}
        suggestions={modelSuggestions}
        onCommit={(model) => set({ model }, true)}
      />
      <FilterTextInput
        label="Session"
        placeholder="any session"
        value={filters.session}
        onCommit={(session) => set({ session }, true)}
      />
      {hasActiveFilters(filters) && (
        <button
          type="button"
          className="button button-quiet filter-clear"
          onClick={() => onChange(emptyTraceFilters, { replace: false })}
        >
          Clear filters
        </button>
      )}
    </search>
  );
}
