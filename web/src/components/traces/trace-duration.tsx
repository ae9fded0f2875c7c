import { formatMilliseconds } from "../../format/format-milliseconds.js";

/** A trace's duration, or "open" while one of its spans has not ended. */
export function TraceDuration({ durationMs }: { durationMs: number | null }) {
  if (durationMs === null) {
    return (
      <span className="muted-cell" title="A span of this trace has not ended yet">
        open
      </span>
    );
  }
  return <>{formatMilliseconds(durationMs)}</>;
}
