import type { JsonValue } from "../core/index.js";

/** One stored span: OpenTelemetry-shaped, with the columns the trace queries filter on. */
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
  /** `gantry.prompt.id` of a model-call span (indexed for per-version metrics and drift). */
  promptId?: string | null;
  /** `gantry.prompt.hash` of a model-call span. */
  promptHash?: string | null;
  /** `deployment.environment.name` (span or resource attribute), e.g. `production`. */
  environment?: string | null;
}
