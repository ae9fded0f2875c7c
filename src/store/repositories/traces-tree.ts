import type { SpanRecord } from "../span-spec.js";
import type { SpanTreeEntry } from "../trace-spec.js";

/**
 * A trace's spans in tree order (depth first, siblings by start time) with their depth. Roots and
 * orphans (whose parent is not in the trace) sit at depth 0; spans caught in a parent cycle come after
 * the rest, the earliest at depth 0, so every span appears exactly once.
 */
export function spanTree(spans: readonly SpanRecord[]): SpanTreeEntry[] {
  const byStart = (a: SpanRecord, b: SpanRecord) =>
    a.startTimeMs - b.startTimeMs || (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0);
  // getTrace already returns this order; checking is cheaper than sorting again.
  const sorted = spans.every((span, index) => index === 0 || byStart(spans[index - 1]!, span) <= 0);
  const ordered = sorted ? spans : [...spans].sort(byStart);
  const ids = new Set(ordered.map((span) => span.spanId));
  const children = new Map<string, SpanRecord[]>();
  const tops: SpanRecord[] = [];
  for (const span of ordered) {
    if (span.parentSpanId === null || !ids.has(span.parentSpanId)) {
      tops.push(span);
      continue;
    }
    let list = children.get(span.parentSpanId);
    if (list === undefined) {
      list = [];
      children.set(span.parentSpanId, list);
    }
    list.push(span);
  }
  const entries: SpanTreeEntry[] = [];
  const visited = new Set<string>();
  // Iterative: a 5,000-deep chain of spans must not overflow the stack.
  const pending: SpanTreeEntry[] = tops.map((span) => ({ span, depth: 0 })).reverse();
  const drain = () => {
    for (let entry = pending.pop(); entry !== undefined; entry = pending.pop()) {
      if (visited.has(entry.span.spanId)) continue;
      visited.add(entry.span.spanId);
      entries.push(entry);
      const below = children.get(entry.span.spanId) ?? [];
      for (let index = below.length - 1; index >= 0; index--) {
        pending.push({ span: below[index]!, depth: entry.depth + 1 });
      }
    }
  };
  drain();
  for (const span of ordered) {
    if (visited.has(span.spanId)) continue;
    pending.push({ span, depth: 0 });
    drain();
  }
  return entries;
}
