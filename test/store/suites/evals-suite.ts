import { describe, expect, it } from "vitest";
import type { NewEvalResult, NewOnlineScore } from "../../../src/store/index.js";
import type { StoreBackend } from "../backends.js";
import { rejectionOf, useFreshStore } from "../fresh-store.js";

function result(overrides: Partial<NewEvalResult> = {}): NewEvalResult {
  return {
    runId: "evr_1",
    caseId: "refund-policy",
    trial: 0,
    passed: true,
    inconclusive: false,
    output: { text: "Refunds take 5 days", toolCalls: [{ name: "lookup_order", args: { id: 7 } }] },
    scores: [{ scorer: "contains", value: 1, passed: true }],
    costMicros: 1250,
    latencyMs: 412.5,
    traceId: "trace-1",
    ...overrides,
  };
}

function score(overrides: Partial<NewOnlineScore> = {}): NewOnlineScore {
  return {
    rule: "triage-quality",
    scorer: "is-json",
    traceId: "trace-1",
    value: 1,
    passed: true,
    reason: null,
    costMicros: 0,
    traceStartMs: 1_000,
    ...overrides,
  };
}

/** Evals: content-addressed dataset versions, runs and results, online scores, their stats and cursors. */
export function defineEvalsSuite(backend: StoreBackend): void {
  describe("evals", () => {
    const fresh = useFreshStore(backend);

    it("stores a dataset version once per (project, name, hash) and lists versions newest first", async () => {
      const evals = fresh.store.evals;
      const cases = [{ id: "a", input: "Where is my refund?", tags: ["refund"], source: "manual" }];
      const first = await evals.putDataset({
        name: "triage",
        hash: "h1",
        cases,
        origin: "evals/triage.yaml",
      });
      expect(first).toEqual({
        projectId: "default",
        name: "triage",
        hash: "h1",
        cases,
        origin: "evals/triage.yaml",
        createdAt: "2026-11-24T09:00:00.000Z",
      });
      fresh.clock.advance(1000);
      // A repeat, even with other content and origin, returns the stored version untouched.
      const again = await evals.putDataset({ name: "triage", hash: "h1", cases: [], origin: "api" });
      expect(again).toEqual(first);
      const second = await evals.putDataset({ name: "triage", hash: "h2", cases: [] });
      expect(second).toMatchObject({ hash: "h2", origin: null, createdAt: "2026-11-24T09:00:01.000Z" });
      await evals.putDataset({ name: "billing", hash: "h1", cases: [] });
      await evals.putDataset({ projectId: "other", name: "triage", hash: "h1", cases: [{ id: "x" }] });

      expect(await evals.getDataset("triage", "h1")).toEqual(first);
      expect(await evals.getDataset("triage", "h9")).toBeUndefined();
      expect((await evals.getDataset("triage", "h1", "other"))?.cases).toEqual([{ id: "x" }]);
      const versions = async (name?: string, projectId?: string) =>
        (await evals.listDatasets(name, projectId)).map((version) => `${version.name}@${version.hash}`);
      expect(await versions("triage")).toEqual(["triage@h2", "triage@h1"]);
      expect(await versions()).toEqual(["billing@h1", "triage@h2", "triage@h1"]);
      expect(await versions(undefined, "other")).toEqual(["triage@h1"]);
    });

    it("concurrent puts of one version from two connections store it once", async () => {
      const other = await fresh.target.open({ clock: fresh.clock });
      try {
        const stored = await Promise.all(
          Array.from({ length: 8 }, (_, index) =>
            (index % 2 === 0 ? fresh.store : other).evals.putDataset({
              name: "triage",
              hash: "h1",
              cases: [{ id: `case-${index}` }],
            }),
          ),
        );
        expect(new Set(stored.map((version) => JSON.stringify(version.cases))).size).toBe(1);
        expect(await fresh.store.evals.listDatasets("triage")).toHaveLength(1);
      } finally {
        await other.close();
      }
    });

    it("creates, updates and lists runs newest first with filters and a limit", async () => {
      const evals = fresh.store.evals;
      const base = {
        datasetName: "triage",
        datasetHash: "h1",
        config: { trials: 3, target: "agent:triage" },
      };
      const first = await evals.createRun({ ...base, suite: "triage", label: "main" });
      expect(first).toEqual({
        id: expect.stringMatching(/^evr_/),
        projectId: "default",
        suite: "triage",
        datasetName: "triage",
        datasetHash: "h1",
        status: "running",
        config: { trials: 3, target: "agent:triage" },
        summary: null,
        label: "main",
        baselineRunId: null,
        createdAt: "2026-11-24T09:00:00.000Z",
        finishedAt: null,
      });
      expect(await evals.getRun(first.id)).toEqual(first);
      fresh.clock.advance(1000);
      const second = await evals.createRun({ ...base, suite: "triage", baselineRunId: first.id });
      fresh.clock.advance(1000);
      const third = await evals.createRun({
        ...base,
        id: "evr_custom",
        suite: "billing",
        projectId: "other",
      });

      const summary = { cases: 2, passRate: { mean: 0.5 }, costMicros: 3000 };
      const updated = await evals.updateRun(second.id, {
        status: "completed",
        summary,
        label: "main",
        finishedAt: "2026-11-24T09:00:05.000Z",
      });
      expect(updated).toEqual({
        ...second,
        status: "completed",
        summary,
        label: "main",
        baselineRunId: first.id,
        finishedAt: "2026-11-24T09:00:05.000Z",
      });
      expect(await evals.updateRun(first.id, {})).toEqual(first);
      expect(await evals.updateRun("evr_missing", { status: "failed" })).toBeUndefined();
      expect(await evals.updateRun(first.id, { label: null })).toMatchObject({ label: null });

      const ids = async (options?: Parameters<typeof evals.listRuns>[0]) =>
        (await evals.listRuns(options)).map((run) => run.id);
      expect(await ids()).toEqual([third.id, second.id, first.id]);
      expect(await ids({ suite: "triage" })).toEqual([second.id, first.id]);
      expect(await ids({ label: "main" })).toEqual([second.id]);
      expect(await ids({ status: "running" })).toEqual([third.id, first.id]);
      expect(await ids({ projectId: "other" })).toEqual([third.id]);
      expect(await ids({ projectId: "default", suite: "triage", status: "completed" })).toEqual([second.id]);
      expect(await ids({ limit: 2 })).toEqual([third.id, second.id]);
      expect((await rejectionOf(evals.listRuns({ limit: 0 }))).code).toBe("STORE_INVALID_INPUT");
      const badStatus = await rejectionOf(evals.updateRun(first.id, { status: "done" as "failed" }));
      expect(badStatus).toMatchObject({ code: "STORE_INVALID_INPUT", details: { field: "status" } });
    });

    it("upserts results by (run, case, trial) and lists them by case, then trial", async () => {
      const evals = fresh.store.evals;
      await evals.putResult(result({ caseId: "b", trial: 1 }));
      await evals.putResult(result({ caseId: "b", trial: 0 }));
      await evals.putResult(
        result({ caseId: "a", trial: 0, costMicros: null, latencyMs: null, traceId: null }),
      );
      await evals.putResult(result({ runId: "evr_2", caseId: "a" }));
      fresh.clock.advance(5000);
      // A resumed run redoes trial 1 of b: it replaces the earlier row.
      await evals.putResult(
        result({ caseId: "b", trial: 1, passed: false, inconclusive: true, scores: [], costMicros: 7 }),
      );

      const results = await evals.listResults("evr_1");
      expect(results.map((row) => `${row.caseId}#${row.trial}`)).toEqual(["a#0", "b#0", "b#1"]);
      expect(results[0]).toEqual({
        runId: "evr_1",
        caseId: "a",
        trial: 0,
        passed: true,
        inconclusive: false,
        output: result().output,
        scores: result().scores,
        costMicros: null,
        latencyMs: null,
        traceId: null,
        createdAt: "2026-11-24T09:00:00.000Z",
      });
      expect(results[1]).toMatchObject({ costMicros: 1250, latencyMs: 412.5, traceId: "trace-1" });
      expect(typeof results[1]!.costMicros).toBe("number");
      expect(results[2]).toMatchObject({
        passed: false,
        inconclusive: true,
        scores: [],
        costMicros: 7,
        createdAt: "2026-11-24T09:00:05.000Z",
      });
      expect(await evals.listResults("evr_2")).toHaveLength(1);
      expect(await evals.listResults("evr_missing")).toEqual([]);
      expect((await rejectionOf(evals.putResult(result({ costMicros: 1.5 })))).code).toBe(
        "STORE_INVALID_INPUT",
      );
      expect((await rejectionOf(evals.putResult(result({ trial: -1 })))).code).toBe("STORE_INVALID_INPUT");
    });

    it("stores online scores, lists them newest trace first, and sums stats over [from, to)", async () => {
      const evals = fresh.store.evals;
      const stored = await evals.insertOnlineScore(
        score({
          value: 0.25,
          passed: false,
          reason: "invented a policy",
          costMicros: 900,
          traceStartMs: 1_500.5,
        }),
      );
      expect(stored).toEqual({
        id: expect.stringMatching(/^eos_/),
        projectId: "default",
        rule: "triage-quality",
        scorer: "is-json",
        traceId: "trace-1",
        value: 0.25,
        passed: false,
        reason: "invented a policy",
        costMicros: 900,
        traceStartMs: 1_500.5,
        createdAt: "2026-11-24T09:00:00.000Z",
      });
      await evals.insertOnlineScore(
        score({ traceId: "trace-2", value: 0.75, costMicros: 100, traceStartMs: 2_000 }),
      );
      await evals.insertOnlineScore(
        score({ traceId: "trace-3", scorer: "faithfulness", value: 1, traceStartMs: 3_000 }),
      );
      await evals.insertOnlineScore(score({ traceId: "trace-4", traceStartMs: 4_000 }));
      await evals.insertOnlineScore(score({ rule: "other-rule", traceId: "trace-2", traceStartMs: 2_000 }));
      await evals.insertOnlineScore(score({ projectId: "other", traceId: "trace-9", traceStartMs: 2_000 }));

      expect(await evals.listOnlineScores({ traceId: "trace-2" })).toHaveLength(2);
      const listed = await evals.listOnlineScores({ projectId: "default", rule: "triage-quality" });
      expect(listed.map((row) => row.traceId)).toEqual(["trace-4", "trace-3", "trace-2", "trace-1"]);
      const recent = await evals.listOnlineScores({ rule: "triage-quality", sinceMs: 2_000, limit: 2 });
      expect(recent.map((row) => row.traceId)).toEqual(["trace-4", "trace-3"]);
      expect(await evals.listOnlineScores({ projectId: "other" })).toHaveLength(1);

      // [1000, 4000): trace-4 starts at the end and is out.
      const stats = await evals.onlineScoreStats({ rule: "triage-quality", fromMs: 1_000, toMs: 4_000 });
      expect(stats).toEqual({ count: 3, mean: (0.25 + 0.75 + 1) / 3, costMicros: 1000, maxCostMicros: 900 });
      expect(typeof stats.costMicros).toBe("number");
      expect(
        await evals.onlineScoreStats({
          rule: "triage-quality",
          scorer: "is-json",
          fromMs: 1_500.5,
          toMs: 5_000,
        }),
      ).toEqual({ count: 3, mean: (0.25 + 0.75 + 1) / 3, costMicros: 1000, maxCostMicros: 900 });
      expect(await evals.onlineScoreStats({ rule: "triage-quality", fromMs: 5_000, toMs: 9_000 })).toEqual({
        count: 0,
        mean: null,
        costMicros: 0,
        maxCostMicros: 0,
      });
      expect(
        await evals.onlineScoreStats({ projectId: "other", rule: "triage-quality", fromMs: 0, toMs: 9_000 }),
      ).toEqual({ count: 1, mean: 1, costMicros: 0, maxCostMicros: 0 });
      expect((await rejectionOf(evals.insertOnlineScore(score({ value: 1.5 })))).code).toBe(
        "STORE_INVALID_INPUT",
      );
      expect((await rejectionOf(evals.insertOnlineScore(score({ costMicros: 0.5 })))).code).toBe(
        "STORE_INVALID_INPUT",
      );
    });

    it("groups stats by scorer, and ranges over scoring time with by: scored-at", async () => {
      const evals = fresh.store.evals;
      const dayStart = Date.UTC(2026, 10, 24);
      // Scored at 09:00 on the 24th, for traces that started the day before and the same day.
      await evals.insertOnlineScore(
        score({ scorer: "faithfulness", value: 0.5, costMicros: 400, traceStartMs: dayStart - 3_600_000 }),
      );
      await evals.insertOnlineScore(
        score({ scorer: "faithfulness", value: 1, costMicros: 600, traceStartMs: dayStart + 1000 }),
      );
      await evals.insertOnlineScore(score({ scorer: "is-json", value: 0, traceStartMs: dayStart + 2000 }));
      fresh.clock.advance(24 * 3_600_000);
      // Scored the next day.
      await evals.insertOnlineScore(
        score({ scorer: "faithfulness", value: 1, costMicros: 50, traceStartMs: dayStart + 3000 }),
      );
      await evals.insertOnlineScore(
        score({ rule: "other-rule", scorer: "faithfulness", costMicros: 7, traceStartMs: dayStart }),
      );

      const day = { rule: "triage-quality", fromMs: dayStart, toMs: dayStart + 86_400_000 };
      expect(await evals.onlineScoreStatsByScorer(day)).toEqual({
        faithfulness: { count: 2, mean: 1, costMicros: 650, maxCostMicros: 600 },
        "is-json": { count: 1, mean: 0, costMicros: 0, maxCostMicros: 0 },
      });
      expect(await evals.onlineScoreStats({ ...day, by: "scored-at" })).toEqual({
        count: 3,
        mean: 0.5,
        costMicros: 1000,
        maxCostMicros: 600,
      });
      expect(await evals.onlineScoreStatsByScorer({ ...day, by: "scored-at" })).toEqual({
        faithfulness: { count: 2, mean: 0.75, costMicros: 1000, maxCostMicros: 600 },
        "is-json": { count: 1, mean: 0, costMicros: 0, maxCostMicros: 0 },
      });
      expect(
        await evals.onlineScoreStats({
          ...day,
          fromMs: day.toMs,
          toMs: day.toMs + 86_400_000,
          by: "scored-at",
          scorer: "faithfulness",
        }),
      ).toEqual({ count: 1, mean: 1, costMicros: 50, maxCostMicros: 50 });
      expect(await evals.onlineScoreStatsByScorer({ ...day, rule: "missing" })).toEqual({});
      expect((await rejectionOf(evals.onlineScoreStats({ ...day, by: "run" as "scored-at" }))).code).toBe(
        "STORE_INVALID_INPUT",
      );
    });

    it("keeps one cursor per (project, rule), 0 until set", async () => {
      const evals = fresh.store.evals;
      expect(await evals.getOnlineCursor("triage-quality")).toBe(0);
      await evals.setOnlineCursor("triage-quality", 1_764_000_000_123.5);
      await evals.setOnlineCursor("other-rule", 5);
      await evals.setOnlineCursor("triage-quality", 9, "other");
      expect(await evals.getOnlineCursor("triage-quality")).toBe(1_764_000_000_123.5);
      await evals.setOnlineCursor("triage-quality", 1_764_000_000_999);
      expect(await evals.getOnlineCursor("triage-quality")).toBe(1_764_000_000_999);
      expect(await evals.getOnlineCursor("other-rule")).toBe(5);
      expect(await evals.getOnlineCursor("triage-quality", "other")).toBe(9);
      expect((await rejectionOf(evals.setOnlineCursor("x", Number.NaN))).code).toBe("STORE_INVALID_INPUT");
    });
  });
}
