export interface AutoRefreshToggleProps {
  enabled: boolean;
  intervalSeconds: number;
  onChange: (enabled: boolean) => void;
}

/** A switch that turns polling on and off; a pulsing dot shows when it is on. */
export function AutoRefreshToggle({ enabled, intervalSeconds, onChange }: AutoRefreshToggleProps) {
  return (
    <label
      className={enabled ? "live-toggle live-toggle-on" : "live-toggle"}
      title={`Reload every ${intervalSeconds} s`}
    >
      <input type="checkbox" checked={enabled} onChange={(event) => onChange(event.target.checked)} />
      <span className="live-dot" aria-hidden="true" />
      Auto-refresh
    </label>
  );
}
