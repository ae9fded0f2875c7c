import * as z from "zod/mini";

// The shapes of the trace API (src/server/routes): one summary per trace, the spans of one trace, and
// the per-agent rollup. Unknown extra fields are tolerated (z.object strips them) so a newer server
// does not break an older dashboard.

/** One trace in a list: its root, totals and status. Cost is integer micro-USD, null when unknown. */
export const traceSummarySchema = z.object({
  traceId: z.string(),
  rootSpanId: z.nullable(z.string()),
  rootName: z.string(),
  agent: z.nullable(z.string()),
  sessionId: z.nullable(z.string()),
  models: z.array(z.string()),
  startTime: z.string(),
  durationMs: z.number(),
  spanCount: z.number(),
  costMicros: z.nullable(z.number()),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  status: z.enum(["ok", "error"]),
  error: z.nullable(z.string()),
});

const attributesSchema = z.record(z.string(), z.unknown());

export const spanEventSchema = z.object({
  name: z.string(),
  timeMs: z.number(),
  attributes: attributesSchema,
});

/** One span of a trace, times in epoch milliseconds; `depth` is the server's, the tree recomputes it. */
export const spanSchema = z.object({
  spanId: z.string(),
  parentSpanId: z.nullable(z.string()),
  name: z.string(),
  kind: z.string(),
  startTimeMs: z.number(),
  endTimeMs: z.number(),
  durationMs: z.number(),
  statusCode: z.enum(["UNSET", "OK", "ERROR"]),
  statusMessage: z.nullable(z.string()),
  attributes: attributesSchema,
  events: z.array(spanEventSchema),
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
export type Span = z.infer<typeof spanSchema>;
export type SpanEvent = z.infer<typeof spanEventSchema>;
export type SpanStatusCode = Span["statusCode"];
export type AgentRollup = z.infer<typeof agentRollupSchema>;
