import * as z from "zod/mini";
import { createResponseParser } from "./response-parser.js";
import { traceSummarySchema } from "./trace-schemas.js";

export const sessionListPath = "/api/v1/sessions";

/** A conversation or job that spans several traces (`gantry.session.id`), with its totals. */
const sessionSummarySchema = z.object({
  sessionId: z.string(),
  traceCount: z.number(),
  firstStartTime: z.string(),
  lastStartTime: z.string(),
  costMicros: z.nullable(z.number()),
  inputTokens: z.number(),
  outputTokens: z.number(),
  agents: z.array(z.string()),
});

const sessionListSchema = z.object({
  sessions: z.array(sessionSummarySchema),
  nextCursor: z.nullable(z.string()),
});

const sessionDetailSchema = z.object({
  session: sessionSummarySchema,
  traces: z.array(traceSummarySchema),
});

export type SessionSummary = z.infer<typeof sessionSummarySchema>;
export type SessionListPage = z.infer<typeof sessionListSchema>;
export type SessionDetail = z.infer<typeof sessionDetailSchema>;

/** GET /api/v1/sessions: one page of sessions, most recently active first. */
export const parseSessionList = createResponseParser(sessionListSchema, sessionListPath);

/** GET /api/v1/sessions/:id: the session's totals and its traces. */
export const parseSessionDetail = createResponseParser(sessionDetailSchema, `${sessionListPath}/:id`);

/** The API path of one session. */
export function sessionDetailPath(sessionId: string): string {
  return `${sessionListPath}/${encodeURIComponent(sessionId)}`;
}
