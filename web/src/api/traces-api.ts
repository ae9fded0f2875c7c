import * as z from "zod/mini";
import { createResponseParser } from "./response-parser.js";
import { agentRollupSchema, spanSchema, traceSummarySchema } from "./trace-schemas.js";

export const traceListPath = "/api/v1/traces";

const traceListSchema = z.object({
  traces: z.array(traceSummarySchema),
  nextCursor: z.nullable(z.string()),
});

const traceDetailSchema = z.object({
  trace: traceSummarySchema,
  spans: z.array(spanSchema),
  agents: z.array(agentRollupSchema),
});

export type TraceListPage = z.infer<typeof traceListSchema>;
export type TraceDetail = z.infer<typeof traceDetailSchema>;

/** GET /api/v1/traces: one page of trace summaries, newest first, and the cursor of the next page. */
export const parseTraceList = createResponseParser(traceListSchema, traceListPath);

/** GET /api/v1/traces/:id: the trace's summary, its spans ordered by start, and the per-agent rollup. */
export const parseTraceDetail = createResponseParser(traceDetailSchema, `${traceListPath}/:id`);

/** The API path of one trace. */
export function traceDetailPath(traceId: string): string {
  return `${traceListPath}/${encodeURIComponent(traceId)}`;
}
