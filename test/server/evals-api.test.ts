import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSpan } from "../store/span-fixtures.js";
import { readJson } from "../support/read-json.js";
import { createEvalApp, type EvalApp } from "./eval-app.js";

// The evals HTTP API over the whole app (auth, errors) with the real runtime on the sim model and a
// real SQLite store: the workspace's suites, runs started in the background and read back with their
// cases, scores, reasons, traces and gate verdict, comparisons with flips, and traces added to a
// suite's dataset as cases.

describe("evals API on an open loopback server", () => {
  let api: EvalApp;
  let mainRunId: string;

  beforeAll(async () => {
    api = await createEvalApp({ broken: true });
  });
  afterAll(() => api.close());

  async function finishedRun(body: Record<string, unknown>) {
    const started = await api.request("/api/v1/evals/runs", { method: "POST", json: body });
    expect(started.status).toBe(202);
    const { run } = await readJson(started);
    await api.activeRuns.settled();
    return readJson(await api.request(`/api/v1/evals/runs/${run.id}`));
  }

  it("lists the workspace's suites with their dataset versions, and says which files do not load", async () => {
    const body = await readJson(await api.request("/api/v1/evals/suites"));
    expect(body.suites).toEqual([
      expect.objectContaining({
        name: "echo",
        file: "evals/echo.yaml",
        target: { kind: "model", model: "sim:default" },
        cases: 2,
        datasetName: "echo",
        datasetFile: "datasets/echo.jsonl",
        datasetHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        scorers: ["echoed"],
      }),
      expect.objectContaining({
        name: "orders",
        description: "The helper looks an order up before answering.",
        target: { kind: "agent", agent: "helper" },
        cases: 2,
        datasetFile: "evals/orders.yaml",
        thresholds: { passRate: 0.5, scorers: {}, dimensions: {} },
      }),
    ]);
    expect(body.problems).toEqual([
      expect.objectContaining({
        file: "evals/broken.yaml",
        code: "EVAL_SUITE_INVALID",
        message: expect.stringContaining("evals/broken.yaml:1"),
      }),
    ]);
  });

  it("starts a run in the background (202, running) and reads it back with cases, reasons, traces and the verdict", async () => {
    const started = await api.request("/api/v1/evals/runs", {
      method: "POST",
      json: { suite: "orders", label: "main" },
    });
    expect(started.status).toBe(202);
    const { run } = await readJson(started);
    expect(run).toMatchObject({
      suite: "orders",
      label: "main",
      status: "running",
      summary: null,
      target: { kind: "agent", agent: "helper" },
      trials: 1,
    });
    expect(run.progress.total).toBe(2);
    // Closing the server waits for it.
    expect(api.activeRuns.size).toBe(1);
    await api.activeRuns.settled();
    mainRunId = run.id;

    const detail = await readJson(await api.request(`/api/v1/evals/runs/${run.id}`));
    expect(detail.run).toMatchObject({ id: run.id, status: "completed", progress: null });
    expect(detail.run.summary).toMatchObject({ cases: 2, passedCases: 1, failedCases: 1, trials: 2 });
    expect(detail.run.summary.passRate.ci95[0]).toBeLessThan(0.5);
    expect(detail.thresholds).toEqual({ passRate: 0.5, scorers: {}, dimensions: {} });
    expect(detail.verdict.exitCode).toBe(0);
    expect(detail.verdict.reasons[0]).toContain("meets 50%");
    expect(detail.comparison).toBeNull();
    expect(detail.scoreKeys).toEqual(["exact", "looked-up"]);
    // In the suite's order, not the store's.
    expect(detail.cases.map((row: { caseId: string }) => row.caseId)).toEqual(["order-status", "order-lost"]);
    const [status, lost] = detail.cases;
    expect(status).toMatchObject({
      standing: "passed",
      verdict: "pass",
      passed: 1,
      input: "Where is order A-7?",
      expected: "Order A-7 is shipped.",
      scores: { exact: 1, "looked-up": 1 },
      firstFailure: null,
    });
    expect(lost).toMatchObject({ standing: "failed", verdict: "fail", failureClass: "wrong-status" });
    expect(lost.firstFailure).toContain('expected "Order A-7 is lost."');
    const [trial] = lost.results;
    expect(trial.text).toBe("Order A-7 is shipped.");
    expect(trial.scores).toEqual([
      expect.objectContaining({
        scorer: "exact",
        value: 0,
        passed: false,
        reason: expect.stringContaining("lost"),
      }),
      expect.objectContaining({ scorer: "looked-up", value: 1, passed: true }),
    ]);
    expect(trial.costMicros).toBeGreaterThan(0);
    // Every case ran in its own trace, which the traces API serves.
    expect(lost.traceIds).toEqual([trial.traceId]);
    await api.flushSpans();
    expect((await api.request(`/api/v1/traces/${trial.traceId}`)).status).toBe(200);
  });

  it("lists runs newest first, filtered by suite, label and status, with a bounded limit", async () => {
    const echo = await finishedRun({ suite: "echo", trials: 2 });
    expect(echo.run).toMatchObject({ suite: "echo", trials: 2, label: null });
    expect(echo.run.summary).toMatchObject({ cases: 2, trials: 4, passedCases: 2 });
    expect(echo.verdict.exitCode).toBe(0);

    const all = await readJson(await api.request("/api/v1/evals/runs"));
    expect(all.runs.map((run: { suite: string }) => run.suite)).toEqual(["echo", "orders"]);
    const orders = await readJson(await api.request("/api/v1/evals/runs?suite=orders"));
    expect(orders.runs.map((run: { id: string }) => run.id)).toEqual([mainRunId]);
    expect(orders.runs[0].summary.passedCases).toBe(1);
    const labelled = await readJson(
      await api.request("/api/v1/evals/runs?label=main&status=completed&limit=1"),
    );
    expect(labelled.runs.map((run: { id: string }) => run.id)).toEqual([mainRunId]);
    for (const [query, parameter] of [
      ["status=done", "status"],
      ["limit=0", "limit"],
      ["limit=501", "limit"],
      ["suite=", "suite"],
    ] as const) {
      const refused = await api.request(`/api/v1/evals/runs?${query}`);
      expect(refused.status).toBe(400);
      expect((await readJson(refused)).error).toMatchObject({
        code: "QUERY_PARAMETER_INVALID",
        details: { parameter },
      });
    }
  });

  it("compares a run with a baseline (by label or id): flips, p-value, noise floor and every case of both", async () => {
    // A baseline where the outcomes were the other way round, stored as the runner stores results.
    const current = await api.store.evals.getRun(mainRunId);
    const baseline = await api.store.evals.createRun({
      suite: "orders",
      datasetName: current!.datasetName,
      datasetHash: current!.datasetHash,
      config: { target: { kind: "agent", agent: "helper" }, trials: 1, thresholds: { passRate: 0.5 } },
      label: "old",
    });
    for (const [caseId, passed] of [
      ["order-status", false],
      ["order-lost", true],
    ] as const) {
      await api.store.evals.putResult({
        runId: baseline.id,
        caseId,
        trial: 0,
        passed,
        inconclusive: false,
        output: { text: "Order A-7 is lost.", output: "Order A-7 is lost.", toolCalls: [] },
        scores: [{ scorer: "exact", value: passed ? 1 : 0, passed }],
        costMicros: 20,
        latencyMs: 900,
        traceId: null,
      });
    }
    await api.store.evals.updateRun(baseline.id, { status: "completed" });

    const byLabel = await readJson(await api.request(`/api/v1/evals/compare?baseline=old&run=${mainRunId}`));
    expect(byLabel.baseline.id).toBe(baseline.id);
    expect(byLabel.run.id).toBe(mainRunId);
    expect(byLabel.comparison).toMatchObject({
      baselineRunId: baseline.id,
      runId: mainRunId,
      regressions: 1,
      improvements: 1,
      passRateDelta: 0,
      pValue: 1,
      significantRegression: false,
    });
    expect(byLabel.comparison.flips).toEqual([
      { caseId: "order-lost", baseline: "pass", current: "fail" },
      { caseId: "order-status", baseline: "fail", current: "pass" },
    ]);
    expect(byLabel.comparison.noiseFloor).toBeGreaterThan(0);
    const rows = Object.fromEntries(
      byLabel.cases.map((row: { caseId: string; change: string }) => [row.caseId, row]),
    );
    expect(rows["order-lost"]).toMatchObject({
      change: "regression",
      baseline: { verdict: "pass", passed: 1 },
      current: { verdict: "fail", passed: 0 },
    });
    expect(rows["order-status"].change).toBe("improvement");
    const byId = await readJson(
      await api.request(`/api/v1/evals/compare?baseline=${baseline.id}&run=${mainRunId}`),
    );
    expect(byId.comparison).toEqual(byLabel.comparison);

    // A run started against that baseline carries the comparison in its detail, and the gate sees it.
    const again = await finishedRun({ suite: "orders", baseline: "old" });
    expect(again.run.baselineRunId).toBe(baseline.id);
    expect(again.comparison).toMatchObject({ baselineRunId: baseline.id, regressions: 1, improvements: 1 });
    expect(again.verdict.reasons.at(-1)).toContain(`no significant regression against run ${baseline.id}`);
  });

  it("refuses what it cannot compare or start, naming the parameter, field or suite", async () => {
    const missing = await api.request(`/api/v1/evals/compare?run=${mainRunId}`);
    expect(missing.status).toBe(400);
    expect((await readJson(missing)).error.details.parameter).toBe("baseline");
    const unknownBaseline = await api.request(`/api/v1/evals/compare?baseline=nightly&run=${mainRunId}`);
    expect(unknownBaseline.status).toBe(404);
    expect((await readJson(unknownBaseline)).error.code).toBe("EVAL_BASELINE_NOT_FOUND");
    const unknownRun = await api.request("/api/v1/evals/runs/evr_nope");
    expect(unknownRun.status).toBe(404);
    expect((await readJson(unknownRun)).error.code).toBe("EVAL_RUN_NOT_FOUND");

    const cases: Array<[unknown, number, string, string?]> = [
      [{ suite: "nope" }, 404, "EVAL_SUITE_NOT_FOUND"],
      [{ suite: "../gantry.config" }, 400, "EVAL_REQUEST_INVALID", "suite"],
      [{ suite: "orders", trials: 0 }, 400, "EVAL_REQUEST_INVALID", "trials"],
      [{ suite: "orders", concurrency: 3 }, 400, "EVAL_REQUEST_INVALID", "concurrency"],
      [{ suite: "broken" }, 400, "EVAL_SUITE_INVALID"],
      [{ suite: "orders", baseline: "nightly" }, 404, "EVAL_BASELINE_NOT_FOUND"],
    ];
    for (const [body, status, code, field] of cases) {
      const refused = await api.request("/api/v1/evals/runs", { method: "POST", json: body });
      expect(refused.status, JSON.stringify(body)).toBe(status);
      const { error } = await readJson(refused);
      expect(error.code).toBe(code);
      if (field) expect(error.message).toContain(field);
    }
    // Nothing was started by a refused request.
    expect(api.activeRuns.size).toBe(0);
  });
});

describe("adding a trace to a suite's dataset (the dashboard's Add to dataset)", () => {
  let api: EvalApp;
  let traceId: string;

  beforeAll(async () => {
    api = await createEvalApp();
    const ran = await api.request("/api/v1/agents/helper/runs", {
      method: "POST",
      json: { input: "Has order A-7 shipped yet?" },
    });
    expect(ran.status).toBe(201);
    traceId = (await readJson(ran)).traceId;
    await api.flushSpans();
  });
  afterAll(() => api.close());

  it("appends the run's input as a case to a suite with inline cases, keeping the file's comments", async () => {
    const added = await api.request("/api/v1/evals/datasets/orders/cases", {
      method: "POST",
      json: { traceId, expected: "Order A-7 is shipped.", failureClass: "Wrong status" },
    });
    expect(added.status).toBe(201);
    const body = await readJson(added);
    expect(body).toMatchObject({
      suite: "orders",
      file: "evals/orders.yaml",
      case: {
        id: `wrong-status-${traceId.slice(0, 8)}`,
        input: "Has order A-7 shipped yet?",
        expected: "Order A-7 is shipped.",
        failureClass: "Wrong status",
        source: "prod_replay",
        traceId,
      },
      dataset: { name: "orders", cases: 3 },
    });
    const file = readFileSync(join(api.root, "evals", "orders.yaml"), "utf8");
    expect(file).toContain("# Orders: the helper agent answers where an order is.");
    expect(file).toContain(`traceId: ${traceId}`);
    const suites = await readJson(await api.request("/api/v1/evals/suites"));
    const orders = suites.suites.find((suite: { name: string }) => suite.name === "orders");
    expect(orders).toMatchObject({ cases: 3, datasetHash: body.dataset.hash });

    // The same trace again is a conflict, whatever id is asked for.
    const twice = await api.request("/api/v1/evals/datasets/orders/cases", {
      method: "POST",
      json: { traceId, id: "another-id" },
    });
    expect(twice.status).toBe(409);
    expect((await readJson(twice)).error).toMatchObject({
      code: "EVAL_CASE_EXISTS",
      details: { caseId: body.case.id },
    });
  });

  it("appends a line to a suite's JSONL dataset, and the next run of the suite runs the new case", async () => {
    const added = await api.request("/api/v1/evals/datasets/echo/cases", {
      method: "POST",
      json: { traceId, id: "from-production", tags: ["prod"] },
    });
    expect(added.status).toBe(201);
    const lines = readFileSync(join(api.root, "datasets", "echo.jsonl"), "utf8")
      .trim()
      .split("\n");
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[2]!)).toEqual({
      id: "from-production",
      input: "Has order A-7 shipped yet?",
      tags: ["prod"],
      source: "prod_replay",
      traceId,
    });
    const started = await readJson(
      await api.request("/api/v1/evals/runs", { method: "POST", json: { suite: "echo" } }),
    );
    await api.activeRuns.settled();
    const detail = await readJson(await api.request(`/api/v1/evals/runs/${started.run.id}`));
    expect(detail.cases.map((row: { caseId: string }) => row.caseId)).toEqual([
      "hello",
      "bye",
      "from-production",
    ]);
  });

  it("refuses an unknown trace (404), a trace with no run behind it, a bad suite or body (400)", async () => {
    const now = Date.now();
    await api.store.spans.insert(
      makeSpan({ traceId: "f".repeat(32), spanId: "gateway00000001", startTimeMs: now, endTimeMs: now + 40 }),
    );
    const cases: Array<[string, unknown, number, string]> = [
      ["orders", { traceId: "0".repeat(32) }, 404, "TRACE_NOT_FOUND"],
      ["orders", { traceId: "f".repeat(32) }, 400, "EVAL_TRACE_NO_INPUT"],
      ["orders", { traceId, id: "has spaces" }, 400, "EVAL_CASE_INVALID"],
      ["orders", { expected: "x" }, 400, "EVAL_REQUEST_INVALID"],
      ["orders", { traceId, colour: "red" }, 400, "EVAL_REQUEST_INVALID"],
      ["nope", { traceId }, 404, "EVAL_SUITE_NOT_FOUND"],
      ["..%2Fgantry.config", { traceId }, 400, "QUERY_PARAMETER_INVALID"],
    ];
    for (const [suite, body, status, code] of cases) {
      const refused = await api.request(`/api/v1/evals/datasets/${suite}/cases`, {
        method: "POST",
        json: body,
      });
      expect(refused.status, `${suite} ${JSON.stringify(body)}`).toBe(status);
      expect((await readJson(refused)).error.code).toBe(code);
    }
  });
});

describe("evals API with keys in force", () => {
  let api: EvalApp;

  beforeAll(async () => {
    api = await createEvalApp();
  });
  afterAll(() => api.close());

  it("reads with a read key, and starts runs or adds cases only with write", async () => {
    const read = await api.createKey(["read"]);
    const write = await api.createKey(["write"]);
    expect((await api.request("/api/v1/evals/suites")).status).toBe(401);
    expect((await api.request("/api/v1/evals/runs", { key: read })).status).toBe(200);
    for (const [path, json] of [
      ["/api/v1/evals/runs", { suite: "echo" }],
      ["/api/v1/evals/datasets/echo/cases", { traceId: "0".repeat(32) }],
    ] as const) {
      const refused = await api.request(path, { method: "POST", json, key: read });
      expect(refused.status).toBe(403);
      expect((await readJson(refused)).error.code).toBe("AUTH_SCOPE_MISSING");
    }
    const started = await api.request("/api/v1/evals/runs", {
      method: "POST",
      json: { suite: "echo" },
      key: write,
    });
    expect(started.status).toBe(202);
  });
});
