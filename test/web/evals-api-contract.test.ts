import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createApiClient } from "../../web/src/api/api-client.js";
import { ApiError } from "../../web/src/api/api-error.js";
import {
  evalAddCaseApiPath,
  evalCompareApiPath,
  evalRunApiPath,
  evalRunListApiPath,
  evalRunsPath,
  evalSuitesPath,
  parseAddedCase,
  parseEvalComparison,
  parseEvalRunDetail,
  parseEvalRunList,
  parseEvalSuiteList,
  parseStartedEvalRun,
} from "../../web/src/api/evals-api.js";
import { createEvalApp, type EvalApp } from "../server/eval-app.js";
import { answerEvalApi } from "./fake-eval-api.js";
import { buildSampleEvals, type FakeEvals, sampleEvals } from "./fake-eval-samples.js";
import { buildSampleRuns } from "./fake-run-samples.js";
import { buildSampleTraces } from "./fake-trace-samples.js";

// The dashboard's evals parsers against the real evals routes (the whole app over SQLite, suites run
// on the sim model, a trace added as a case), and the fake control plane's answers against the same
// parsers and the real answers' keys: the browser test's fake cannot drift from the server.

let api: EvalApp;
let server: ServerType;
let client: ApiClient;
let mainRunId: string;
let currentRunId: string;
let fake: FakeEvals;
const now = Date.now();
const traces = buildSampleTraces(now);
const runs = buildSampleRuns(now, traces);

function fakeAnswer(method: string, path: string, body: unknown = undefined) {
  const url = new URL(path, "http://fake");
  const answer = answerEvalApi(
    {
      method,
      pathname: url.pathname,
      query: url.searchParams,
      body: body === undefined ? "" : JSON.stringify(body),
    },
    { evals: fake, traces, runs, now },
  );
  if (answer === undefined) throw new Error(`the fake does not answer ${method} ${path}`);
  return answer;
}

/** The keys of an object, sorted: what a parser and a component rely on being there. */
function keysOf(value: unknown): string[] {
  return Object.keys(value as object).sort();
}

async function realJson(path: string): Promise<Record<string, unknown>> {
  return (await (await api.request(path)).json()) as Record<string, unknown>;
}

beforeAll(async () => {
  api = await createEvalApp({ broken: true });
  server = serve({ fetch: api.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  client = createApiClient({
    fetch,
    apiKey: null,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  });
  const main = await client.postJson(evalRunsPath, { suite: "orders", label: "main" }, parseStartedEvalRun);
  await api.activeRuns.settled();
  const current = await client.postJson(
    evalRunsPath,
    { suite: "orders", baseline: "main" },
    parseStartedEvalRun,
  );
  await api.activeRuns.settled();
  mainRunId = main.run.id;
  currentRunId = current.run.id;
  fake = buildSampleEvals(now, traces);
}, 60_000);

afterAll(async () => {
  if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  await api?.close();
});

describe("the dashboard reads the real evals API", () => {
  it("parses the suites and the problems, and the fake's answer has the same keys", async () => {
    const real = await client.getJson(evalSuitesPath, parseEvalSuiteList);
    expect(real.suites.map((suite) => suite.name)).toEqual(["echo", "orders"]);
    expect(real.problems.map((problem) => problem.file)).toEqual(["evals/broken.yaml"]);
    const raw = (await realJson(evalSuitesPath)) as { suites: unknown[]; problems: unknown[] };
    const fakeBody = fakeAnswer("GET", evalSuitesPath).body as { suites: unknown[]; problems: unknown[] };
    expect(parseEvalSuiteList(fakeBody).suites.map((suite) => suite.name)).toEqual(["refunds", "triage"]);
    expect(keysOf(fakeBody.suites[0])).toEqual(keysOf(raw.suites[0]));
    expect(keysOf(fakeBody.problems[0])).toEqual(keysOf(raw.problems[0]));
  });

  it("parses the runs list and one run in full, shaped as the fake's", async () => {
    const list = await client.getJson(evalRunListApiPath({ suite: "orders", limit: 10 }), parseEvalRunList);
    expect(list.runs.map((run) => run.id)).toEqual([currentRunId, mainRunId]);
    expect(list.runs[1]).toMatchObject({ label: "main", status: "completed", summary: { passedCases: 1 } });

    const detail = await client.getJson(evalRunApiPath(currentRunId), parseEvalRunDetail);
    expect(detail.run.baselineRunId).toBe(mainRunId);
    expect(detail.verdict?.exitCode).toBe(0);
    expect(detail.comparison).toMatchObject({ baselineRunId: mainRunId, regressions: 0 });
    expect(detail.cases[1]).toMatchObject({
      caseId: "order-lost",
      standing: "failed",
      failureClass: "wrong-status",
    });
    expect(detail.cases[1]!.results[0]!.scores[0]!.reason).toContain("lost");

    const raw = (await realJson(evalRunApiPath(currentRunId))) as Record<string, unknown>;
    const fakeBody = fakeAnswer("GET", evalRunApiPath(sampleEvals.currentId)).body as Record<string, unknown>;
    const fakeDetail = parseEvalRunDetail(fakeBody);
    expect(fakeDetail.verdict?.exitCode).toBe(100);
    expect(keysOf(fakeBody)).toEqual(keysOf(raw));
    expect(keysOf(fakeBody.run)).toEqual(keysOf(raw.run));
    expect(keysOf((fakeBody.run as { summary: object }).summary)).toEqual(
      keysOf((raw.run as { summary: object }).summary),
    );
    const [fakeCase] = fakeBody.cases as Record<string, unknown>[];
    const [realCase] = raw.cases as Record<string, unknown>[];
    expect(keysOf(fakeCase)).toEqual(keysOf(realCase));
    expect(keysOf((fakeCase!.results as object[])[0])).toEqual(keysOf((realCase!.results as object[])[0]));
    expect(keysOf(fakeBody.comparison)).toEqual(keysOf(raw.comparison));
  });

  it("parses a comparison by label and by id, shaped as the fake's", async () => {
    const byLabel = await client.getJson(evalCompareApiPath("main", currentRunId), parseEvalComparison);
    expect(byLabel.baseline.id).toBe(mainRunId);
    expect(byLabel.cases.map((row) => row.change)).toEqual(["same", "same"]);
    const byId = await client.getJson(evalCompareApiPath(mainRunId, currentRunId), parseEvalComparison);
    expect(byId.comparison).toEqual(byLabel.comparison);
    const raw = (await realJson(evalCompareApiPath(mainRunId, currentRunId))) as Record<string, unknown>;
    const fakeBody = fakeAnswer("GET", evalCompareApiPath(sampleEvals.baselineId, sampleEvals.currentId))
      .body as Record<string, unknown>;
    const fakeComparison = parseEvalComparison(fakeBody);
    expect(fakeComparison.comparison).toMatchObject({ regressions: 1, improvements: 1 });
    expect(keysOf(fakeBody)).toEqual(keysOf(raw));
    expect(keysOf((fakeBody.cases as object[])[0])).toEqual(keysOf((raw.cases as object[])[0]));
    const realSide = (raw.cases as { current: object }[])[0]!.current;
    const fakeSide = (fakeBody.cases as { current: object }[])[0]!.current;
    expect(keysOf(fakeSide)).toEqual(keysOf(realSide));
  });

  it("adds a trace as a case through postJson, as the fake answers it; refusals arrive as ApiErrors", async () => {
    const ran = await api.request("/api/v1/agents/helper/runs", {
      method: "POST",
      json: { input: "Where is A-7?" },
    });
    const { traceId } = (await ran.json()) as { traceId: string };
    await api.flushSpans();
    const added = await client.postJson(
      evalAddCaseApiPath("orders"),
      { traceId, expected: "Order A-7 is shipped.", failureClass: "wrong-status" },
      parseAddedCase,
    );
    expect(added).toMatchObject({ suite: "orders", file: "evals/orders.yaml", dataset: { cases: 3 } });
    const fakeAdded = fakeAnswer("POST", evalAddCaseApiPath("triage"), { traceId: runs[1]!.run.traceId });
    expect(fakeAdded.status).toBe(201);
    expect(keysOf(parseAddedCase(fakeAdded.body))).toEqual(keysOf(added));

    let refused: unknown;
    try {
      await client.postJson(evalAddCaseApiPath("orders"), { traceId }, parseAddedCase);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 409, code: "EVAL_CASE_EXISTS" });
    expect(fakeAnswer("POST", evalAddCaseApiPath("triage"), { traceId: runs[1]!.run.traceId })).toMatchObject(
      {
        status: 409,
        body: { error: { code: "EVAL_CASE_EXISTS" } },
      },
    );
  });

  it("reads a missing run as a 404 ApiError with the same code the fake answers", async () => {
    await expect(client.getJson(evalRunApiPath("evr_nope"), parseEvalRunDetail)).rejects.toMatchObject({
      status: 404,
      code: "EVAL_RUN_NOT_FOUND",
    });
    expect(fakeAnswer("GET", evalRunApiPath("evr_nope"))).toMatchObject({
      status: 404,
      body: { error: { code: "EVAL_RUN_NOT_FOUND" } },
    });
  });
});
