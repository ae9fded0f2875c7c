import * as z from "zod/mini";

// The shapes of the trace API (src/server/routes/trace-json.ts) as they arrive. Unknown extra fields
// are tolerated (z.object strips them) so a newer server does not break an older dashboard. Spans are
// normalised after parsing (normalise-spans.ts): open spans get an end, status codes one spelling.

/** One trace in a list: its root, totals and status. Cost is integer micro-USD, null when unknown. */
export const traceSummarySchema = z.object({
  traceId: z.string(),
  rootSpanId: z.nullable(z.string()),
  rootName: z.string(),
  agent: z.nullable(z.string()),
  sessionId: z.nullable(z.string()),
  models: z.array(z.string()),
  startTime: z.string(),
  /** Null while a span of the trace is still open. */
  durationMs: z.nullable(z.number()),
  spanCount: z.number(),
  costMicros: z.nullable(z.number()),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  status: z.enum(["ok", "error"]),
  error: z.nullable(z.string()),
});

const attributesSchema = z.record(z.string(), z.unknown());

const rawSpanEventSchema = z.object({
  name: z.string(),
  // OTLP allows an event without a time (0), which the store keeps as null.
  timeMs: z.optional(z.nullable(z.number())),
  attributes: z.optional(attributesSchema),
});

/** One span as the server sends it: `statusCode` in any case, open spans without an end. */
export const rawSpanSchema = z.object({
  spanId: z.string(),
  parentSpanId: z.nullable(z.string()),
  name: z.string(),
  kind: z.string(),
  startTimeMs: z.number(),
  endTimeMs: z.nullable(z.number()),
  durationMs: z.nullable(z.number()),
  statusCode: z.string(),
  statusMessage: z.nullable(z.string()),
  attributes: attributesSchema,
  events: z.array(rawSpanEventSchema),
  agent: z.nullable(z.string()),
  model: z.nullable(z.string()),
  sessionId: z.nullable(z.string()),
  costMicros: z.nullable(z.number()),
  depth: z.number(),
});

/** Spans, tokens and cost of one agent within a trace. */
export const agentRollupSchema = z.object({
  agent: z.nullable(z.string()),
  spanCount: z.number(),
  costMicros: z.nullable(z.number()),
  inputTokens: z.number(),
  outputTokens: z.number(),
});

export type TraceSummary = z.infer<typeof traceSummarySchema>;
export type TraceStatus = TraceSummary["status"];
export type RawSpan = z.infer<typeof rawSpanSchema>;
export type AgentRollup = z.infer<typeof agentRollupSchema>;
export type SpanStatusCode = "UNSET" | "OK" | "ERROR";

export interface SpanEvent {
  name: string;
  /** Null when the exporter sent no time. */
  timeMs: number | null;
  attributes: Record<string, unknown>;
}

/** One span as the dashboard uses it: always an end (open spans end with the trace) and one status spelling. */
export interface Span extends Omit<RawSpan, "endTimeMs" | "durationMs" | "statusCode" | "events"> {
  endTimeMs: number;
  durationMs: number;
  statusCode: SpanStatusCode;
  events: SpanEvent[];
  /** The span had not ended when the trace was read (still running, or its process died). */
  open: boolean;
}
