import type { RunDetailJson } from "../../src/server/index.js";
import type { FakeApiAnswer } from "./fake-trace-api.js";

// The runs endpoints of the control plane, answered from in-memory runs with the shapes and filters of
// src/server/routes/runs-routes.ts: newest first, agent / status (comma-separated) / sessionId, and a
// cursor that is the last run id of the previous page.

function error(status: number, code: string, message: string): FakeApiAnswer {
  return {
    status,
    body: { error: { name: "GantryError", code, message, domain: "SERVER", category: "USER", details: {} } },
  };
}

function summary(detail: RunDetailJson) {
  const { input: _input, output: _output, ...run } = detail.run;
  return run;
}

/** Answers /api/v1/runs and /api/v1/runs/:id, or undefined for any other path. */
export function answerRunApi(
  pathname: string,
  query: URLSearchParams,
  context: { runs: readonly RunDetailJson[]; maxPageSize: number },
): FakeApiAnswer | undefined {
  if (pathname === "/api/v1/runs") {
    const statuses = query.get("status")?.split(",");
    const matching = context.runs.filter(
      (detail) =>
        (query.get("agent") === null || detail.run.agent === query.get("agent")) &&
        (statuses === undefined || statuses.includes(detail.run.status)) &&
        (query.get("sessionId") === null || detail.run.sessionId === query.get("sessionId")),
    );
    const limit = Math.min(Math.max(1, Number(query.get("limit") ?? 50) || 50), context.maxPageSize);
    const cursor = query.get("cursor");
    const start = cursor === null ? 0 : matching.findIndex((detail) => detail.run.runId === cursor) + 1;
    const slice = matching.slice(start, start + limit);
    const nextCursor = start + limit < matching.length ? (slice.at(-1)?.run.runId ?? null) : null;
    return { status: 200, body: { runs: slice.map(summary), nextCursor } };
  }
  const match = /^\/api\/v1\/runs\/([^/]+)$/.exec(pathname);
  if (match === null) return undefined;
  const runId = decodeURIComponent(match[1]!);
  const detail = context.runs.find((candidate) => candidate.run.runId === runId);
  if (detail === undefined) return error(404, "RUN_NOT_FOUND", `No run with id '${runId}' is stored`);
  return { status: 200, body: detail };
}
