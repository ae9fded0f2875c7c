import type { RunStatus } from "../../api/runs-api.js";
import { emptyRunFilters, hasActiveRunFilters, type RunFilters } from "../../runs/run-filters.js";
import { FilterTextInput } from "../filter-text-input.js";
import { SegmentedControl, type SegmentedOption } from "../segmented-control.js";

export interface RunFilterBarProps {
  filters: RunFilters;
  /** `replace` for typed values (no history entry per word), push for clicks. */
  onChange: (filters: RunFilters, options: { replace: boolean }) => void;
  agentSuggestions: readonly string[];
}

const statusOptions: readonly SegmentedOption<"" | RunStatus>[] = [
  { value: "", label: "All" },
  { value: "running", label: "Running" },
  { value: "paused", label: "Paused" },
  { value: "completed", label: "Completed" },
  { value: "failed", label: "Failed" },
  { value: "cancelled", label: "Cancelled" },
];

/** Status and agent filters of the runs list; every change goes to the URL. */
export function RunFilterBar({ filters, onChange, agentSuggestions }: RunFilterBarProps) {
  const set = (patch: Partial<RunFilters>, replace: boolean) =>
    onChange({ ...filters, ...patch }, { replace });
  return (
    <search className="filter-bar" aria-label="Run filters">
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
      <FilterTextInput
        label="Agent"
        placeholder="any agent"
        value={filters.agent}
        suggestions={agentSuggestions}
        onCommit={(agent) => set({ agent }, true)}
      />
      {hasActiveRunFilters(filters) && (
        <button
          type="button"
          className="button button-quiet filter-clear"
          onClick={() => onChange(emptyRunFilters, { replace: false })}
        >
          Clear filters
        </button>
      )}
    </search>
  );
}
