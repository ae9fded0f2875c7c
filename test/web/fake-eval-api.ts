import { hashJson, type JsonValue } from "../../src/core/index.js";
import { caseFromTrace } from "../../src/evals/index.js";
import {
  evalComparison,
  evalRunDetail,
  evalRunJson,
  plannedTrials,
  type RunDetailJson,
} from "../../src/server/index.js";
import type { StoredEvalRun } from "../../src/store/index.js";
import type { FakeEvals } from "./fake-eval-samples.js";
import type { FakeApiAnswer } from "./fake-trace-api.js";
import type { FakeTrace } from "./fake-trace-builder.js";

// The evals endpoints of the control plane over the sample evals, answered through the server's own
// JSON builders (src/server/routes/eval-json.ts) with the errors of evals-routes.ts: suites, runs with
// filters, a run in full, comparisons (baseline by id or label), starting a run (202, running), and
// adding a trace to a suite's dataset (the case built by src/evals' caseFromTrace).

function error(
  status: number,
  code: string,
  message: string,
  details: Record<string, unknown> = {},
): FakeApiAnswer {
  const domain = code.startsWith("TRACE_") || code.startsWith("QUERY_") ? "SERVER" : "EVAL";
  return {
    status,
    body: { error: { name: "GantryError", code, message, domain, category: "USER", details } },
  };
}

interface EvalContext {
  evals: FakeEvals;
  traces: readonly FakeTrace[];
  runs: readonly RunDetailJson[];
  now: number;
}

function runJson(context: EvalContext, run: StoredEvalRun) {
  const done = context.evals.results.get(run.id)?.length ?? 0;
  const cases = context.evals.cases.get(run.datasetHash)?.length ?? 0;
  return evalRunJson(run, { progress: { done, total: plannedTrials(run, cases) } });
}

function runList(context: EvalContext, query: URLSearchParams): FakeApiAnswer {
  const limit = Number(query.get("limit") ?? "50");
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    return error(400, "QUERY_PARAMETER_INVALID", "Query parameter 'limit' must be 1 to 500", {
      parameter: "limit",
    });
  }
  const runs = context.evals.runs
    .filter((run) => !query.get("suite") || run.suite === query.get("suite"))
    .filter((run) => !query.get("label") || run.label === query.get("label"))
    .filter((run) => !query.get("status") || run.status === query.get("status"))
    .slice(0, limit);
  return { status: 200, body: { runs: runs.map((run) => runJson(context, run)) } };
}

function runNotFound(runId: string): FakeApiAnswer {
  return error(404, "EVAL_RUN_NOT_FOUND", `There is no eval run ${runId}`, { runId });
}

function runDetail(context: EvalContext, runId: string): FakeApiAnswer {
  const run = context.evals.runs.find((candidate) => candidate.id === runId);
  if (run === undefined) return runNotFound(runId);
  const baseline = run.baselineRunId
    ? context.evals.runs.find((candidate) => candidate.id === run.baselineRunId)
    : undefined;
  const detail = evalRunDetail({
    run,
    results: context.evals.results.get(run.id) ?? [],
    cases: context.evals.cases.get(run.datasetHash) ?? [],
    nowMs: context.now,
    ...(baseline
      ? { baseline: { id: baseline.id, results: context.evals.results.get(baseline.id) ?? [] } }
      : {}),
  });
  return { status: 200, body: detail };
}

function compare(context: EvalContext, query: URLSearchParams): FakeApiAnswer {
  for (const parameter of ["run", "baseline"]) {
    if (!query.get(parameter)) {
      return error(
        400,
        "QUERY_PARAMETER_INVALID",
        `Query parameter '${parameter}' is required: an eval run id`,
        {
          parameter,
        },
      );
    }
  }
  const runs = context.evals.runs;
  const run = runs.find((candidate) => candidate.id === query.get("run"));
  if (run === undefined) return runNotFound(query.get("run")!);
  const wanted = query.get("baseline")!;
  const baseline =
    runs.find((candidate) => candidate.id === wanted) ??
    runs.find(
      (candidate) =>
        candidate.suite === run.suite && candidate.label === wanted && candidate.status === "completed",
    );
  if (baseline === undefined) {
    return error(
      404,
      "EVAL_BASELINE_NOT_FOUND",
      `No eval run ${wanted}, and no completed run of suite ${run.suite} labelled ${wanted}`,
    );
  }
  const body = evalComparison({
    baseline: runJson(context, baseline),
    baselineResults: context.evals.results.get(baseline.id) ?? [],
    run: runJson(context, run),
    runResults: context.evals.results.get(run.id) ?? [],
  });
  return { status: 200, body };
}

function parseBody(body: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(body) as unknown;
    return parsed !== null && typeof parsed === "object" ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function suiteNotFound(suite: string): FakeApiAnswer {
  return error(404, "EVAL_SUITE_NOT_FOUND", `No eval suite ${suite}: looked for evals/${suite}.yaml`, {
    suite,
  });
}

function startRun(context: EvalContext, body: Record<string, unknown> | undefined): FakeApiAnswer {
  const name = typeof body?.suite === "string" ? body.suite : "";
  const suite = context.evals.suites.find((candidate) => candidate.name === name);
  if (suite === undefined) return suiteNotFound(name);
  const started: StoredEvalRun = {
    id: `evr_01JDQ7STARTED${String(context.evals.runs.length).padStart(14, "0")}`,
    projectId: "default",
    suite: suite.name,
    datasetName: suite.datasetName,
    datasetHash: suite.datasetHash,
    status: "running",
    config: {
      target: suite.target,
      trials: suite.trials,
      thresholds: suite.thresholds,
    } as unknown as JsonValue,
    summary: null,
    label: null,
    baselineRunId: null,
    createdAt: new Date(context.now).toISOString(),
    finishedAt: null,
  };
  context.evals.runs.unshift(started);
  return { status: 202, body: { run: runJson(context, started) } };
}

function addCase(
  context: EvalContext,
  suiteName: string,
  body: Record<string, unknown> | undefined,
): FakeApiAnswer {
  const suite = context.evals.suites.find((candidate) => candidate.name === suiteName);
  if (suite === undefined) return suiteNotFound(suiteName);
  const traceId = typeof body?.traceId === "string" ? body.traceId : "";
  if (traceId === "")
    return error(400, "EVAL_REQUEST_INVALID", "Invalid request body: traceId: expected string");
  if (!context.traces.some((trace) => trace.traceId === traceId)) {
    return error(404, "TRACE_NOT_FOUND", `No trace with id '${traceId}' is stored`, { traceId });
  }
  const cases = context.evals.cases.get(suite.datasetHash) ?? [];
  const existing = cases.find((testCase) => testCase.traceId === traceId);
  if (existing) {
    return error(
      409,
      "EVAL_CASE_EXISTS",
      `Suite ${suite.name} already has case ${existing.id} from trace ${traceId}`,
      {
        caseId: existing.id,
      },
    );
  }
  const run = context.runs.find((candidate) => candidate.run.traceId === traceId)?.run;
  let testCase: ReturnType<typeof caseFromTrace>;
  try {
    testCase = caseFromTrace({
      traceId,
      run: run ? { id: run.runId, agent: run.agent, input: run.input as JsonValue, traceId } : undefined,
      ...(body?.expected === undefined ? {} : { expected: body.expected as JsonValue }),
      ...(typeof body?.failureClass === "string" ? { failureClass: body.failureClass } : {}),
    });
  } catch (thrown) {
    const problem = thrown as { code: string; message: string };
    return error(400, problem.code, problem.message, { traceId });
  }
  const next = [...cases, testCase];
  const hash = hashJson(next);
  context.evals.cases.set(hash, next);
  suite.datasetHash = hash;
  suite.cases = next.length;
  return {
    status: 201,
    body: {
      suite: suite.name,
      case: testCase,
      file: suite.datasetFile,
      dataset: { name: suite.datasetName, hash, cases: next.length },
    },
  };
}

/** Answers the evals endpoints the dashboard uses, or undefined for other paths. */
export function answerEvalApi(
  request: { method: string; pathname: string; query: URLSearchParams; body: string },
  context: EvalContext,
): FakeApiAnswer | undefined {
  const { method, pathname, query } = request;
  if (!pathname.startsWith("/api/v1/evals/")) return undefined;
  if (method === "GET" && pathname === "/api/v1/evals/suites") {
    return { status: 200, body: { suites: context.evals.suites, problems: context.evals.problems } };
  }
  if (pathname === "/api/v1/evals/runs") {
    if (method === "POST") return startRun(context, parseBody(request.body));
    return runList(context, query);
  }
  if (method === "GET" && pathname === "/api/v1/evals/compare") return compare(context, query);
  const detail = /^\/api\/v1\/evals\/runs\/([^/]+)$/.exec(pathname);
  if (method === "GET" && detail !== null) return runDetail(context, decodeURIComponent(detail[1]!));
  const datasets = /^\/api\/v1\/evals\/datasets\/([^/]+)\/cases$/.exec(pathname);
  if (method === "POST" && datasets !== null) {
    return addCase(context, decodeURIComponent(datasets[1]!), parseBody(request.body));
  }
  return undefined;
}
