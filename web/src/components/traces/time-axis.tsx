import type { AxisTick } from "../../traces/waterfall-geometry.js";

/** Tick labels over the waterfall's timeline column: offsets from the trace's start. */
export function TimeAxis({ ticks }: { ticks: readonly AxisTick[] }) {
  return (
    <div className="time-axis" title="Time since the trace started">
      {ticks.map((tick, index) => {
        const edge = index === 0 ? " time-tick-first" : tick.percent > 94 ? " time-tick-last" : "";
        return (
          <span key={tick.timeMs} className={`time-tick${edge}`} style={{ left: `${tick.percent}%` }}>
            {tick.label}
          </span>
        );
      })}
    </div>
  );
}

/** Faint vertical lines at the ticks, drawn once behind all rows. */
export function TimeGridLines({ ticks }: { ticks: readonly AxisTick[] }) {
  return (
    <div className="time-grid" aria-hidden="true">
      {ticks.map((tick) => (
        <span key={tick.timeMs} className="time-grid-line" style={{ left: `${tick.percent}%` }} />
      ))}
    </div>
  );
}
