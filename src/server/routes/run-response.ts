import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { RunHandle, RunResult } from "../../runtime/index.js";
import type { ActiveRuns } from "../active-runs.js";
import { eventStreamHeaders, runEventStream } from "./run-event-stream.js";

/** The JSON of a finished or paused run, as `POST …/runs` and `…/resume` answer without SSE. */
export function runResultJson(result: RunResult): RunResult {
  return {
    runId: result.runId,
    agent: result.agent,
    status: result.status,
    output: result.output,
    ...(result.stopReason === undefined ? {} : { stopReason: result.stopReason }),
    ...(result.pause === undefined ? {} : { pause: result.pause }),
    ...(result.error === undefined ? {} : { error: result.error }),
    costMicros: result.costMicros,
    steps: result.steps,
    toolCalls: result.toolCalls,
    trips: result.trips,
    ...(result.traceId === undefined ? {} : { traceId: result.traceId }),
  };
}

/**
 * Answers with a run that has just started or resumed: its events as SSE, or, once it stops, its
 * RunResult as JSON. Either way the run is tracked, so a client that hangs up leaves it running and the
 * server's close waits for it.
 */
export async function runResponse(
  c: Context,
  handle: RunHandle,
  options: { stream: boolean; status: ContentfulStatusCode; activeRuns: ActiveRuns },
): Promise<Response> {
  options.activeRuns.track(handle);
  const location = `/api/v1/runs/${encodeURIComponent(handle.runId)}`;
  c.header("location", location);
  if (!options.stream) {
    // Nobody reads the events here; they are buffered and dropped with the handle.
    return c.json(runResultJson(await handle.result), options.status);
  }
  for (const [name, value] of Object.entries(eventStreamHeaders)) c.header(name, value);
  const path = c.req.path;
  const body = runEventStream(handle, (error) =>
    console.error(
      `[gantry] ${c.req.method} ${path} event stream failed with ${error.code}: ${error.message}`,
    ),
  );
  return c.body(body, 200);
}
