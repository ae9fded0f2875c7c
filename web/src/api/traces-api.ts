import * as z from "zod/mini";
import { normaliseSpans } from "./normalise-spans.js";
import { createResponseParser } from "./response-parser.js";
import {
  type AgentRollup,
  agentRollupSchema,
  rawSpanSchema,
  type Span,
  type TraceSummary,
  traceSummarySchema,
} from "./trace-schemas.js";

export const traceListPath = "/api/v1/traces";

const traceListSchema = z.object({
  traces: z.array(traceSummarySchema),
  nextCursor: z.nullable(z.string()),
});

const traceDetailSchema = z.object({
  trace: traceSummarySchema,
  spans: z.array(rawSpanSchema),
  agents: z.array(agentRollupSchema),
});

export type TraceListPage = z.infer<typeof traceListSchema>;

/** One trace with its spans normalised (see normaliseSpans). */
export interface TraceDetail {
  trace: TraceSummary;
  spans: Span[];
  agents: AgentRollup[];
}

/** GET /api/v1/traces: one page of trace summaries, newest first, and the cursor of the next page. */
export const parseTraceList = createResponseParser(traceListSchema, traceListPath);

const parseRawTraceDetail = createResponseParser(traceDetailSchema, `${traceListPath}/:id`);

/** GET /api/v1/traces/:id: the trace's summary, its spans ordered by start, and the per-agent rollup. */
export function parseTraceDetail(value: unknown): TraceDetail {
  const detail = parseRawTraceDetail(value);
  return { ...detail, spans: normaliseSpans(detail.spans) };
}

/** The API path of one trace. */
export function traceDetailPath(traceId: string): string {
  return `${traceListPath}/${encodeURIComponent(traceId)}`;
}
