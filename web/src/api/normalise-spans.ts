import type { RawSpan, Span, SpanStatusCode } from "./trace-schemas.js";

function statusCodeOf(value: string): SpanStatusCode {
  // The store writes `ok`/`error`/`unset`; OTLP JSON says `STATUS_CODE_ERROR`. Both mean the same.
  const upper = value.toUpperCase().replace(/^STATUS_CODE_/, "");
  return upper === "OK" || upper === "ERROR" ? upper : "UNSET";
}

/**
 * Spans ready to draw: an open span (no end yet) ends where the trace's latest known time is, marked
 * `open`; status codes are upper-case whatever the server's spelling; events always have attributes.
 */
export function normaliseSpans(spans: readonly RawSpan[]): Span[] {
  let latestMs = Number.NEGATIVE_INFINITY;
  for (const span of spans)
    latestMs = Math.max(latestMs, span.startTimeMs, span.endTimeMs ?? span.startTimeMs);
  return spans.map((span) => {
    const open = span.endTimeMs === null;
    const endTimeMs = span.endTimeMs ?? Math.max(latestMs, span.startTimeMs);
    return {
      ...span,
      endTimeMs,
      durationMs: open ? endTimeMs - span.startTimeMs : (span.durationMs ?? endTimeMs - span.startTimeMs),
      statusCode: statusCodeOf(span.statusCode),
      events: span.events.map((event) => ({
        name: event.name,
        timeMs: event.timeMs ?? null,
        attributes: event.attributes ?? {},
      })),
      open,
    };
  });
}
