import { Hono } from "hono";
import { appendCaseToSuite, caseFromTrace, runOfTrace } from "../../evals/index.js";
import type { AuthVariables } from "../auth-middleware.js";
import type { ServerContext } from "../server-context.js";
import { resolveBaselineRun, startEvalRun } from "../start-eval-run.js";
import { suiteFileByName, workspaceSuites } from "../workspace-suites.js";
import { type EvalSuiteProblemJson, evalRunNotFound, evalSuiteJson } from "./eval-json.js";
import {
  checkedSuiteName,
  parseAddCaseBody,
  parseCompareQuery,
  parseEvalRunListQuery,
  parseStartEvalRunBody,
} from "./eval-params.js";
import { readEvalComparison, readEvalRun, readEvalRunDetail } from "./eval-read.js";
import { traceNotFound } from "./trace-detail.js";

type EvalsContext = Pick<
  ServerContext,
  "workspace" | "store" | "models" | "runtime" | "prompts" | "telemetry" | "clock" | "activeRuns"
>;

/**
 * Evals over HTTP: the workspace's suites, eval runs (list, one in full with its gate verdict and
 * baseline comparison, two compared), starting a run in the background (scope `write`, 202), and
 * adding a trace to a suite's dataset as a case (scope `write`, the dashboard's "Add to dataset").
 */
export function evalsRoutes(context: EvalsContext): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();
  const { store } = context;
  const root = context.workspace.root;

  app.get("/api/v1/evals/suites", async (c) => {
    const { suites, problems } = await workspaceSuites(root);
    return c.json({
      suites: suites.map((suite) => evalSuiteJson(suite.loaded, suite.file, suite.datasetFile)),
      problems: problems.map(
        ({ file, error }): EvalSuiteProblemJson => ({
          file,
          code: error.code,
          message: error.message,
          hint: error.hint ?? null,
        }),
      ),
    });
  });

  app.get("/api/v1/evals/runs", async (c) => {
    const query = parseEvalRunListQuery(c.req.query());
    const runs = await store.evals.listRuns(query);
    return c.json({ runs: await Promise.all(runs.map((run) => readEvalRun(store, run))) });
  });

  app.post("/api/v1/evals/runs", async (c) => {
    const body = await parseStartEvalRunBody(c.req.raw);
    const { run } = await startEvalRun(context, body);
    return c.json({ run: await readEvalRun(store, run) }, 202);
  });

  app.get("/api/v1/evals/runs/:id", async (c) => {
    const id = c.req.param("id");
    const run = await store.evals.getRun(id);
    if (!run) throw evalRunNotFound(id);
    return c.json(await readEvalRunDetail(store, run, context.clock.now()));
  });

  app.get("/api/v1/evals/compare", async (c) => {
    const query = parseCompareQuery(c.req.query());
    const run = await store.evals.getRun(query.run);
    if (!run) throw evalRunNotFound(query.run, "run");
    const baseline = await resolveBaselineRun(store, run.suite, query.baseline);
    return c.json(await readEvalComparison(store, baseline, run));
  });

  app.post("/api/v1/evals/datasets/:suite/cases", async (c) => {
    const suite = checkedSuiteName(c.req.param("suite"));
    const body = await parseAddCaseBody(c.req.raw);
    const file = await suiteFileByName(root, suite);
    if ((await store.spans.getTrace(body.traceId)).length === 0) throw traceNotFound(body.traceId);
    const testCase = caseFromTrace({
      traceId: body.traceId,
      run: await runOfTrace(store, body.traceId),
      ...(body.expected === undefined ? {} : { expected: body.expected }),
      ...(body.failureClass ? { failureClass: body.failureClass } : {}),
      ...(body.id ? { id: body.id } : {}),
      ...(body.tags ? { tags: body.tags } : {}),
    });
    const appended = await appendCaseToSuite(root, file, testCase);
    return c.json(
      {
        suite,
        case: appended.case,
        file: appended.file,
        dataset: {
          name: appended.dataset.name,
          hash: appended.dataset.hash,
          cases: appended.dataset.cases.length,
        },
      },
      201,
    );
  });

  return app;
}
