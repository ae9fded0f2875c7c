import { formatMilliseconds } from "../format/format-milliseconds.js";

/** The time span the waterfall's axis covers: from the first span's start to the last span's end. */
export interface TimeWindow {
  startMs: number;
  durationMs: number;
}

export interface TimedSpan {
  startTimeMs: number;
  endTimeMs: number;
}

/** The axis of a trace; never zero wide, so a trace of instant spans still draws. */
export function traceTimeWindow(spans: readonly TimedSpan[]): TimeWindow {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const span of spans) {
    start = Math.min(start, span.startTimeMs);
    end = Math.max(end, span.endTimeMs, span.startTimeMs);
  }
  if (!Number.isFinite(start)) return { startMs: 0, durationMs: 1 };
  return { startMs: start, durationMs: Math.max(end - start, 1) };
}

/** Where a span's bar sits, in percent of the axis width. */
export interface BarGeometry {
  offsetPercent: number;
  widthPercent: number;
}

function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, value));
}

/** The bar of one span; a bar never leaves the axis, even for a span with a skewed clock. */
export function spanBarGeometry(span: TimedSpan, window: TimeWindow): BarGeometry {
  const offsetPercent = clampPercent(((span.startTimeMs - window.startMs) / window.durationMs) * 100);
  const rawWidth =
    ((Math.max(span.endTimeMs, span.startTimeMs) - span.startTimeMs) / window.durationMs) * 100;
  return { offsetPercent, widthPercent: Math.min(rawWidth, 100 - offsetPercent) };
}

/**
 * Where a bar's duration label goes: after the bar, before it when the bar ends near the right edge,
 * or inside it when the bar spans nearly the whole axis and neither side has room.
 */
export function barLabelSide(bar: BarGeometry): "after" | "before" | "inside" {
  if (bar.offsetPercent + bar.widthPercent <= 72) return "after";
  if (bar.offsetPercent >= 18) return "before";
  return "inside";
}

export interface AxisTick {
  timeMs: number;
  percent: number;
  label: string;
}

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

// From a second up, steps follow the clock (15 s, 30 s, 5 min, 6 h) so every tick is a round time.
const clockSteps = [
  second,
  2 * second,
  5 * second,
  10 * second,
  15 * second,
  30 * second,
  minute,
  2 * minute,
  5 * minute,
  10 * minute,
  15 * minute,
  30 * minute,
  hour,
  2 * hour,
  3 * hour,
  6 * hour,
  12 * hour,
  day,
];

// Below a second: 1, 2, 2.5 and 5 times a power of ten.
const decimalMultipliers = [1, 2, 2.5, 5, 10];

/** The smallest readable step that gives at most `targetCount` intervals over `durationMs`. */
export function niceTickStep(durationMs: number, targetCount: number): number {
  const rough = durationMs / Math.max(1, targetCount);
  if (rough > 500) {
    const step = clockSteps.find((candidate) => candidate >= rough);
    if (step !== undefined) return step;
    return Math.ceil(rough / day) * day;
  }
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const multiplier = decimalMultipliers.find((candidate) => candidate * magnitude >= rough) ?? 10;
  return multiplier * magnitude;
}

/** Tick marks from 0 to the end of the window at a readable step; labels are offsets from the start. */
export function timeAxisTicks(window: TimeWindow, targetCount = 5): AxisTick[] {
  const step = niceTickStep(window.durationMs, targetCount);
  const ticks: AxisTick[] = [];
  // Counting steps (not adding floats) keeps 0.1 + 0.2 errors out of the labels.
  for (let index = 0; index * step <= window.durationMs * (1 + 1e-9); index += 1) {
    const timeMs = index * step;
    ticks.push({
      timeMs,
      percent: (timeMs / window.durationMs) * 100,
      label: index === 0 ? "0" : formatMilliseconds(Number(timeMs.toPrecision(12))),
    });
  }
  return ticks;
}

/** Rows to render for a scroll position: the visible ones plus `overscan` on each side; `end` is exclusive. */
export function visibleRowRange(options: {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  rowCount: number;
  overscan: number;
}): { start: number; end: number } {
  const { scrollTop, viewportHeight, rowHeight, rowCount, overscan } = options;
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visibleCount = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(rowCount, first + visibleCount + overscan);
  return { start: Math.min(start, end), end };
}

/** The scroll position that brings a row fully into view, moving as little as possible. */
export function scrollTopToReveal(options: {
  rowIndex: number;
  rowHeight: number;
  scrollTop: number;
  viewportHeight: number;
}): number {
  const { rowIndex, rowHeight, scrollTop, viewportHeight } = options;
  const rowTop = rowIndex * rowHeight;
  const rowBottom = rowTop + rowHeight;
  if (rowTop < scrollTop) return rowTop;
  if (rowBottom > scrollTop + viewportHeight) return Math.max(0, rowBottom - viewportHeight);
  return scrollTop;
}
