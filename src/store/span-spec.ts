import type { SpanRecord } from "./span-record.js";
import type { TraceSummary } from "./trace-spec.js";

// Contract of the spans repository: OpenTelemetry-shaped spans, queried by trace.

export type { SpanRecord } from "./span-record.js";

export interface TraceListOptions {
  projectId?: string;
  agent?: string;
  sessionId?: string;
  /** Only traces that started strictly before this time (the previous page's last `startTimeMs`). */
  beforeStartTimeMs?: number;
  /** 1..500, default 50. */
  limit?: number;
}

export interface SpansRepository {
  /** Stores a span; a span already stored (same trace and span id) is left as it is. */
  insert(span: SpanRecord): Promise<void>;
  /** Stores many spans in one transaction with batched multi-row inserts. */
  insertMany(spans: readonly SpanRecord[]): Promise<void>;
  /** All spans of a trace, ordered by start time. */
  getTrace(traceId: string): Promise<SpanRecord[]>;
  /** Traces, most recently started first; `traces.listTraces` is the same listing with more filters and a cursor. */
  listRecentTraces(options?: TraceListOptions): Promise<TraceSummary[]>;
}
