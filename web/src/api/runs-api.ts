import * as z from "zod/mini";
import { createResponseParser } from "./response-parser.js";

// The shapes of the runs API (src/server/routes/run-json.ts) as they arrive. Unknown extra fields are
// tolerated (z.object strips them) so a newer server does not break an older dashboard.

export const runListPath = "/api/v1/runs";

/** Every status a run can have; `paused` waits for a resume (budget, breaker, approval). */
export const runStatuses = ["queued", "running", "paused", "completed", "failed", "cancelled"] as const;

const json = z.unknown();

const runPauseSchema = z.object({
  reason: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
  at: z.string(),
});

const runErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.optional(z.string()),
});

/** One run in a list. Cost is integer micro-USD. */
export const runSummarySchema = z.object({
  runId: z.string(),
  agent: z.string(),
  agentVersion: z.nullable(z.string()),
  status: z.enum(runStatuses),
  sessionId: z.nullable(z.string()),
  parentRunId: z.nullable(z.string()),
  traceId: z.nullable(z.string()),
  costMicros: z.number(),
  steps: z.number(),
  toolCalls: z.number(),
  stopReason: z.nullable(z.string()),
  pause: z.nullable(runPauseSchema),
  error: z.nullable(runErrorSchema),
  resumable: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const runListSchema = z.object({
  runs: z.array(runSummarySchema),
  nextCursor: z.nullable(z.string()),
});

const toolCallSchema = z.object({
  toolCallId: z.string(),
  toolName: z.string(),
  step: z.number(),
  status: z.enum(["started", "completed", "failed"]),
  attempts: z.number(),
  input: json,
  output: json,
  error: z.nullable(z.object({ code: z.string(), message: z.string() })),
});

const breakerTripSchema = z.object({
  reason: z.string(),
  degradation: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
  at: z.number(),
});

const runStateSchema = z.object({
  schemaVersion: z.number(),
  model: z.nullable(z.string()),
  messages: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  unpricedCalls: z.number(),
  toolsDisabled: z.boolean(),
  elapsedMs: z.number(),
  toolCalls: z.array(toolCallSchema),
  trips: z.array(breakerTripSchema),
});

const runDetailSchema = z.object({
  run: z.extend(runSummarySchema, { input: json, output: json }),
  state: z.nullable(runStateSchema),
  links: z.object({
    self: z.string(),
    resume: z.nullable(z.string()),
    trace: z.nullable(z.string()),
    dashboard: z.string(),
    traceDashboard: z.nullable(z.string()),
  }),
});

export type RunStatus = (typeof runStatuses)[number];
export type RunSummary = z.infer<typeof runSummarySchema>;
export type RunListPage = z.infer<typeof runListSchema>;
export type RunDetail = z.infer<typeof runDetailSchema>;
export type RunToolCall = z.infer<typeof toolCallSchema>;
export type BreakerTrip = z.infer<typeof breakerTripSchema>;
export type RunPause = z.infer<typeof runPauseSchema>;
export type RunError = z.infer<typeof runErrorSchema>;

/** GET /api/v1/runs: one page of runs, newest first, and the cursor of the next page. */
export const parseRunList = createResponseParser(runListSchema, runListPath);

/** GET /api/v1/runs/:id: the run with its input and output, its state summary and links. */
export const parseRunDetail = createResponseParser(runDetailSchema, `${runListPath}/:id`);

/** The API path of one run. */
export function runDetailPath(runId: string): string {
  return `${runListPath}/${encodeURIComponent(runId)}`;
}

/** The command that continues a paused or interrupted run. */
export function resumeCommand(runId: string): string {
  return `gantry run --resume ${runId}`;
}
