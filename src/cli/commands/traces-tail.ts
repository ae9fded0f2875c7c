import { setTimeout as sleep } from "node:timers/promises";
import type { Store, TraceQuery, TraceSummary } from "../../store/index.js";

// `gantry traces tail`: poll the trace listing and print each new trace once it has gone quiet. A trace's
// spans arrive in several batches (exporters flush on a timer), so a trace printed on first sight would
// show a stand-in root and partial totals; waiting until its summary is unchanged across one poll
// prints it whole, about one interval after its last batch.

export interface TailOptions {
  store: Store;
  /** Filters (agent, status…); `since`, `limit` and `cursor` are the tail's own. */
  query: Omit<TraceQuery, "since" | "limit" | "cursor">;
  /** How many of the latest traces to print first. */
  backlog: number;
  intervalMs: number;
  /** Epoch ms now; traces started before `now - lookbackMs` are never new. */
  now: () => number;
  print: (trace: TraceSummary) => void;
  signal: AbortSignal;
  /** Injectable for tests; resolves early (or rejects) when `signal` aborts. */
  wait?: (milliseconds: number, signal: AbortSignal) => Promise<unknown>;
}

// Newest traces read per poll; a burst above this within one interval prints only the newest.
const pageSize = 200;
// New traces may carry start times a little behind this machine's clock (skew, exporter delay).
const lookbackMs = 60_000;

const byStart = (a: TraceSummary, b: TraceSummary) =>
  a.startTimeMs - b.startTimeMs || (a.traceId < b.traceId ? -1 : 1);

/** Prints the backlog, then new traces as they settle, until `signal` aborts. */
export async function tailTraces(options: TailOptions): Promise<void> {
  const wait = options.wait ?? ((milliseconds, signal) => sleep(milliseconds, undefined, { signal }));
  const printed = new Set<string>();
  const pending = new Map<string, string>();
  const since = options.now() - lookbackMs;

  // What already exists is not new: the backlog is printed, the rest of the window only remembered.
  const [backlog, window] = await Promise.all([
    options.backlog > 0
      ? options.store.traces.listTraces({ ...options.query, limit: options.backlog })
      : { items: [] },
    options.store.traces.listTraces({ ...options.query, since, limit: pageSize }),
  ]);
  for (const trace of [...backlog.items].sort(byStart)) options.print(trace);
  for (const trace of [...backlog.items, ...window.items]) printed.add(trace.traceId);

  while (!options.signal.aborted) {
    try {
      await wait(options.intervalMs, options.signal);
    } catch {
      break;
    }
    if (options.signal.aborted) break;
    const page = await options.store.traces.listTraces({ ...options.query, since, limit: pageSize });
    const settled: TraceSummary[] = [];
    for (const trace of page.items) {
      if (printed.has(trace.traceId)) continue;
      // updatedAt has millisecond resolution; the span count tells apart two batches within one.
      const version = `${trace.updatedAt}/${trace.spanCount}`;
      if (pending.get(trace.traceId) === version) settled.push(trace);
      else pending.set(trace.traceId, version);
    }
    for (const trace of settled.sort(byStart)) {
      options.print(trace);
      printed.add(trace.traceId);
      pending.delete(trace.traceId);
    }
    // Forget what fell out of the window, so a long tail's memory stays bounded by the page size.
    if (page.items.length === pageSize) {
      const current = new Set(page.items.map((trace) => trace.traceId));
      for (const id of printed) if (!current.has(id)) printed.delete(id);
      for (const id of pending.keys()) if (!current.has(id)) pending.delete(id);
    }
  }
}
