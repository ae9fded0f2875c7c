import type { JsonValue } from "../core/index.js";
import type { TraceSummary } from "./trace-spec.js";

// Contract of the spans repository: OpenTelemetry-shaped spans, queried by trace.

export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  /** OpenTelemetry span kind: `internal`, `server`, `client`, `producer`, `consumer`. */
  kind: string;
  /** Epoch milliseconds with fractions. */
  startTimeMs: number;
  endTimeMs: number | null;
  /** `unset`, `ok` or `error`. */
  statusCode: string;
  statusMessage: string | null;
  attributes: Record<string, JsonValue>;
  events: JsonValue[];
  projectId: string | null;
  agent: string | null;
  model: string | null;
  sessionId: string | null;
  /** Integer micro-USD, or null when unknown (an unpriced model is unknown, never 0). */
  costMicros: number | null;
}

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
