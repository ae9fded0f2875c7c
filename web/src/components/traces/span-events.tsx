import type { SpanEvent } from "../../api/trace-schemas.js";
import { formatMilliseconds } from "../../format/format-milliseconds.js";
import { groupAttributes } from "../../traces/span-attributes.js";
import { AttributeList } from "./attribute-list.js";

/** A span's events in time order, each at its offset from the span's start. */
export function SpanEvents({ events, spanStartMs }: { events: readonly SpanEvent[]; spanStartMs: number }) {
  // Events without a time (allowed by OTLP) go last, in the order they came.
  const ordered = [...events].sort((left, right) => {
    if (left.timeMs === null || right.timeMs === null)
      return (left.timeMs === null ? 1 : 0) - (right.timeMs === null ? 1 : 0);
    return left.timeMs - right.timeMs;
  });
  return (
    <ol className="span-events">
      {ordered.map((event, position) => {
        const groups = groupAttributes(event.attributes);
        const entries = [...groups.genAi, ...groups.gantry, ...groups.other];
        return (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: events have no id; once sorted they never reorder.
            key={`${event.timeMs}-${event.name}-${position}`}
            className={event.name === "exception" ? "span-event span-event-exception" : "span-event"}
          >
            <div className="span-event-head">
              <span className="span-event-time">
                {event.timeMs === null
                  ? "—"
                  : `+${formatMilliseconds(Math.max(0, event.timeMs - spanStartMs))}`}
              </span>
              <span className="span-event-name">{event.name}</span>
            </div>
            {entries.length > 0 && <AttributeList entries={entries} />}
          </li>
        );
      })}
    </ol>
  );
}
