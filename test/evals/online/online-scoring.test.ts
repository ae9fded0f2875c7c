import { afterEach, expect, it } from "vitest";
import { type EvalsConfig, evalsSchema, GantryError } from "../../../src/core/index.js";
import type { Scorer } from "../../../src/evals/index.js";
import {
  createOnlineScorer,
  isTraceSampled,
  type OnlineScorerOptions,
} from "../../../src/evals/online/index.js";
import { buildScorers } from "../../../src/evals/scorers/index.js";
import { createTelemetry, type Telemetry } from "../../../src/telemetry/index.js";
import { describeOnStores } from "../../guard/breaker-store-backends.js";
import { useFreshStore } from "../../store/fresh-store.js";
import { pricedJudge, productionRun, refundScorer, rubricScorer, traceIdFor } from "./production-runs.js";

// Online scoring against real SQLite and Postgres stores: runs saved as the runtime saves them, the
// rule's scorers and judge injected, everything else (cursor, scores, spans, alerts) through the store.

const second = 1000;
const day = 86_400_000;

function config(online: Record<string, unknown>[], extra: Record<string, unknown> = {}): EvalsConfig {
  return evalsSchema.parse({ online, ...extra });
}

function rule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: "quality", sampleRate: 1, scorers: [{ type: "contains", value: "refund" }], ...overrides };
}

describeOnStores("online scoring", (backend) => {
  const fresh = useFreshStore(backend);
  let telemetry: Telemetry | undefined;
  afterEach(async () => {
    await telemetry?.shutdown();
    telemetry = undefined;
  });

  function scorerFor(
    evalsConfig: EvalsConfig,
    scorers: Record<string, () => Scorer>,
    options: Partial<OnlineScorerOptions> = {},
  ) {
    return createOnlineScorer({
      store: fresh.store,
      config: evalsConfig,
      buildScorers: (specs) => specs.map((spec) => scorers[String(spec.type)]!()),
      clock: fresh.clock,
      ...options,
    });
  }

  const tracesScored = async (ruleName = "quality") =>
    new Set(
      (await fresh.store.evals.listOnlineScores({ rule: ruleName, limit: 1000 })).map(
        (score) => score.traceId,
      ),
    );

  it("scores each finished run once across ticks and replicas, holding the cursor behind unfinished runs", async () => {
    const scorer = refundScorer();
    const online = scorerFor(config([rule()]), { contains: () => scorer });
    const unfinished = await productionRun(fresh.store, { status: "running" });
    fresh.clock.advance(second);
    const finished = [];
    for (let index = 0; index < 4; index++) finished.push(await productionRun(fresh.store));
    fresh.clock.advance(20 * second);

    const first = await online.tick();
    expect(first.errors).toEqual([]);
    expect(first.rules[0]).toMatchObject({
      rule: "quality",
      considered: 4,
      sampled: 4,
      scoredTraces: 4,
      scores: 4,
    });
    // The unfinished run holds the cursor at its start, so it is read again once it finishes.
    expect(first.rules[0]!.cursorMs).toBe(Date.parse(unfinished.createdAt));
    expect(await tracesScored()).toEqual(new Set(finished.map((run) => run.traceId)));

    // What the scorer saw of a production run.
    const context = scorer.seen[0]!;
    expect(context.testCase).toEqual({
      id: finished[0]!.id,
      input: "Where is my refund for order A-1?",
      tags: [],
      source: "prod_replay",
      traceId: finished[0]!.traceId,
    });
    expect(context.output).toEqual({
      output: "Your refund was issued on Monday; it takes 5 business days.",
      text: "Your refund was issued on Monday; it takes 5 business days.",
      toolCalls: [{ name: "lookup_order", args: { orderId: "A-1" } }],
      costMicros: 2_450,
      latencyMs: 1_830,
      finishReason: "final-answer",
      traceId: finished[0]!.traceId,
      runId: finished[0]!.id,
    });

    fresh.clock.advance(30 * second);
    const again = await online.tick();
    expect(again.rules[0]).toMatchObject({ scoredTraces: 0, scores: 0, alreadyScored: 4 });
    expect(scorer.seen).toHaveLength(4);

    await fresh.store.runs.update(unfinished.id, { status: "completed", output: "Refund sent." });
    fresh.clock.advance(20 * second);
    const late = await online.tick();
    expect(late.rules[0]).toMatchObject({ scoredTraces: 1, scores: 1 });
    expect(scorer.seen.at(-1)!.output.runId).toBe(unfinished.id);
    expect(late.rules[0]!.cursorMs).toBeGreaterThan(Date.parse(finished.at(-1)!.createdAt));

    // Another process (a restart, a replica) with its own memory scores nothing twice either.
    const replicaScorer = refundScorer();
    const replica = scorerFor(config([rule()]), { contains: () => replicaScorer });
    await fresh.store.evals.setOnlineCursor("quality", Date.parse(unfinished.createdAt));
    const replicaReport = await replica.tick();
    expect(replicaReport.rules[0]).toMatchObject({ scoredTraces: 0, alreadyScored: 5 });
    expect(replicaScorer.seen).toEqual([]);
    expect(await fresh.store.evals.listOnlineScores({ rule: "quality" })).toHaveLength(5);
  });

  it("leaves runs whose spans may still be exporting for a later tick", async () => {
    const online = scorerFor(config([rule()]), { contains: () => refundScorer() });
    const run = await productionRun(fresh.store);
    fresh.clock.advance(2 * second);
    expect((await online.tick()).rules[0]).toMatchObject({ considered: 0, scoredTraces: 0 });
    fresh.clock.advance(20 * second);
    expect((await online.tick()).rules[0]).toMatchObject({ considered: 1, scoredTraces: 1 });
    expect(await tracesScored()).toEqual(new Set([run.traceId]));
  });

  it("scores exactly the runs whose trace id samples in", async () => {
    const online = scorerFor(config([rule({ sampleRate: 0.5 })]), { contains: () => refundScorer() });
    const runs = [];
    for (let index = 0; index < 24; index++) runs.push(await productionRun(fresh.store));
    fresh.clock.advance(20 * second);
    const report = await online.tick();
    const expected = runs.filter((run) => isTraceSampled(run.traceId!, 0.5)).map((run) => run.traceId);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(24);
    expect(report.rules[0]).toMatchObject({ considered: 24, sampled: expected.length });
    expect(await tracesScored()).toEqual(new Set(expected));
  });

  it("scores only runs of the filtered agent, status and environment (read from the trace)", async () => {
    const online = scorerFor(
      config([rule({ filter: { agent: "triage", status: "completed", environment: "production" } })]),
      { contains: () => refundScorer() },
    );
    const production = await productionRun(fresh.store, { environment: "production" });
    await productionRun(fresh.store, { environment: "staging" });
    await productionRun(fresh.store, { environment: null });
    await productionRun(fresh.store, { spans: false });
    await productionRun(fresh.store, { agent: "billing" });
    await productionRun(fresh.store, { status: "failed" });
    fresh.clock.advance(20 * second);
    const report = await online.tick();
    expect(report.rules[0]).toMatchObject({ considered: 4, skippedEnvironment: 3, scoredTraces: 1 });
    expect(await tracesScored()).toEqual(new Set([production.traceId]));
  });

  it("stops judge scorers at the rule's daily judge budget, across restarts, and judges again the next day", async () => {
    const judge = pricedJudge(300_000);
    const evalsConfig = config([
      rule({ scorers: [{ type: "contains", value: "refund" }, { type: "llm-rubric" }], judgeBudgetUsd: 1 }),
    ]);
    const scorers = { contains: () => refundScorer(), "llm-rubric": () => rubricScorer() };
    for (let index = 0; index < 6; index++) await productionRun(fresh.store);
    fresh.clock.advance(20 * second);
    const report = await scorerFor(evalsConfig, scorers, { judge }).tick();
    // 3 × 0.30 USD fit under 1 USD; a fourth would pass it, so it never runs.
    expect(judge.calls).toBe(3);
    expect(report.rules[0]).toMatchObject({
      scoredTraces: 6,
      judgeSkipped: 3,
      judgeCostMicros: 900_000,
      judgeSpentTodayMicros: 900_000,
      judgeBudgetMicros: 1_000_000,
      scores: 6 + 3 * 2,
    });
    const spend = await fresh.store.evals.onlineScoreStats({
      rule: "quality",
      fromMs: 0,
      toMs: fresh.clock.now() + day,
      by: "scored-at",
    });
    expect(spend.costMicros).toBe(900_000);

    // A restarted process reads today's spend back and does not judge past the cap either.
    for (let index = 0; index < 2; index++) await productionRun(fresh.store);
    fresh.clock.advance(20 * second);
    const restarted = await scorerFor(evalsConfig, scorers, { judge }).tick();
    expect(restarted.rules[0]).toMatchObject({ scoredTraces: 2, judgeSkipped: 2, judgeCostMicros: 0 });
    expect(judge.calls).toBe(3);

    fresh.clock.advance(day);
    await productionRun(fresh.store);
    fresh.clock.advance(20 * second);
    const nextDay = await scorerFor(evalsConfig, scorers, { judge }).tick();
    expect(nextDay.rules[0]).toMatchObject({ scoredTraces: 1, judgeSkipped: 0, judgeCostMicros: 300_000 });
    expect(judge.calls).toBe(4);
  });

  it("stops judging for the day after a judge call it cannot price", async () => {
    const judge = pricedJudge(null);
    const online = scorerFor(
      config([rule({ scorers: [{ type: "llm-rubric" }] })]),
      { "llm-rubric": () => rubricScorer() },
      { judge },
    );
    for (let index = 0; index < 3; index++) await productionRun(fresh.store);
    fresh.clock.advance(20 * second);
    const report = await online.tick();
    expect(judge.calls).toBe(1);
    expect(report.rules[0]).toMatchObject({ scoredTraces: 3, judgeSkipped: 2 });
  });

  it("writes the verdicts into the trace as gen_ai.evaluation.result events under its root span", async () => {
    const run = await productionRun(fresh.store, { answer: "Please wait." });
    fresh.clock.advance(20 * second);
    const online = scorerFor(
      config([rule({ scorers: [{ type: "contains" }, { type: "llm-rubric" }] })]),
      { contains: () => refundScorer(), "llm-rubric": () => rubricScorer() },
      { judge: pricedJudge(1_000) },
    );
    expect((await online.tick()).rules[0]).toMatchObject({ spans: 1 });

    const spans = await fresh.store.spans.getTrace(run.traceId!);
    const root = spans.find((span) => span.parentSpanId === null)!;
    const evaluation = spans.find((span) => span.name === "evaluate quality");
    expect(evaluation).toMatchObject({
      traceId: run.traceId,
      parentSpanId: root.spanId,
      kind: "internal",
      // Stamped at the root's end, so the trace's duration still measures the run.
      startTimeMs: root.endTimeMs,
      endTimeMs: root.endTimeMs,
      attributes: {
        "gantry.eval.rule": "quality",
        "gantry.eval.scored_at": new Date(fresh.clock.now()).toISOString(),
      },
      costMicros: null,
    });
    expect(evaluation!.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(evaluation!.events).toEqual([
      {
        name: "gen_ai.evaluation.result",
        timeMs: root.endTimeMs,
        attributes: {
          "gen_ai.evaluation.name": "mentions-refund",
          "gen_ai.evaluation.score.value": 0,
          "gen_ai.evaluation.score.label": "fail",
          "gen_ai.evaluation.explanation": "no refund mentioned",
        },
      },
      {
        name: "gen_ai.evaluation.result",
        timeMs: root.endTimeMs,
        attributes: {
          "gen_ai.evaluation.name": "rubric.faithfulness",
          "gen_ai.evaluation.score.value": 0.9,
          "gen_ai.evaluation.score.label": "pass",
          "gen_ai.evaluation.explanation": "cites the order status",
        },
      },
      {
        name: "gen_ai.evaluation.result",
        timeMs: root.endTimeMs,
        attributes: {
          "gen_ai.evaluation.name": "rubric.safety",
          "gen_ai.evaluation.score.value": 1,
          "gen_ai.evaluation.score.label": "pass",
        },
      },
    ]);
    // The trace's cost and duration stay the run's: judging is not added to them.
    expect(await fresh.store.traces.getTraceSummary(run.traceId!)).toMatchObject({
      costMicros: 2_450,
      durationMs: 1_830,
      spanCount: 3,
    });
  });

  it("sends the evaluation span through the workspace's telemetry when given one", async () => {
    telemetry = createTelemetry({ serviceName: "gantry", store: fresh.store, clock: fresh.clock });
    const run = await productionRun(fresh.store);
    fresh.clock.advance(20 * second);
    const online = scorerFor(config([rule()]), { contains: () => refundScorer() }, { telemetry });
    expect((await online.tick()).rules[0]).toMatchObject({ spans: 1 });
    await telemetry.flush();
    const spans = await fresh.store.spans.getTrace(run.traceId!);
    const root = spans.find((span) => span.parentSpanId === null)!;
    const evaluation = spans.find((span) => span.name === "evaluate quality");
    expect(evaluation).toMatchObject({
      parentSpanId: root.spanId,
      kind: "internal",
      startTimeMs: root.endTimeMs,
    });
    expect(evaluation!.events).toEqual([
      {
        name: "gen_ai.evaluation.result",
        timeMs: root.endTimeMs,
        attributes: {
          "gen_ai.evaluation.name": "mentions-refund",
          "gen_ai.evaluation.score.value": 1,
          "gen_ai.evaluation.score.label": "pass",
        },
      },
    ]);
  });

  it("raises a drop alert when a scorer's 7-day mean falls 5% or more below the week before", async () => {
    const now = fresh.clock.now();
    const evals = fresh.store.evals;
    async function week(ruleName: string, values: number[], weeksAgo: number) {
      for (const [index, value] of values.entries()) {
        await evals.insertOnlineScore({
          rule: ruleName,
          scorer: "mentions-refund",
          traceId: traceIdFor(`${ruleName}-${weeksAgo}-${index}`),
          value,
          passed: value >= 1,
          reason: null,
          costMicros: 0,
          traceStartMs: now - weeksAgo * 7 * day + (index + 1) * 3_600_000,
        });
      }
    }
    // Baselines of 1.0; this week 0.94 (a 6% drop), 0.96 (4%), and a 40% drop on only four scores.
    await week("dropped", [1, 1, 1, 1, 1], 2);
    await week("dropped", [1, 1, 0.7, 1, 1], 1);
    await week("steady", [1, 1, 1, 1, 1], 2);
    await week("steady", [1, 1, 0.8, 1, 1], 1);
    await week("sparse", [1, 1, 1, 1, 1], 2);
    await week("sparse", [0.6, 0.6, 0.6, 0.6], 1);
    const rules = ["dropped", "steady", "sparse"].map((name) => rule({ name }));
    const online = scorerFor(config(rules), { contains: () => refundScorer() });

    const report = await online.tick();
    expect(report.errors).toEqual([]);
    expect(report.alerts).toEqual([
      {
        rule: "dropped",
        scorer: "mentions-refund",
        baselineMean: 1,
        currentMean: expect.closeTo(0.94, 10),
        drop: expect.closeTo(0.06, 10),
        opened: true,
      },
    ]);
    const [alert] = await fresh.store.alerts.list({ kind: "eval-score-drop" });
    expect(alert).toMatchObject({ key: "dropped:mentions-refund", severity: "warning", count: 1 });
    expect(alert!.title).toBe(
      "Online eval rule dropped: mentions-refund averaged 0.940 over the last 7 days, down 6.0% from 1.000 the 7 days before",
    );
    // Still low next tick: the open alert is bumped, not duplicated.
    expect((await online.tick()).alerts).toMatchObject([{ rule: "dropped", opened: false }]);
    expect(await fresh.store.alerts.list({ kind: "eval-score-drop" })).toHaveLength(1);
  });

  it("runs a rule's specs through the evals scorer factory", async () => {
    const online = createOnlineScorer({
      store: fresh.store,
      clock: fresh.clock,
      config: config([
        rule({
          scorers: [
            { type: "contains", value: "refund" },
            { type: "tool-called", tool: "lookup_order", args: { orderId: "A-1" } },
            { type: "latency", maxMs: 1000 },
          ],
        }),
      ]),
      buildScorers: (specs, onlineRule) =>
        buildScorers(specs, { root: process.cwd(), where: `evals.online ${onlineRule.name}` }),
    });
    const run = await productionRun(fresh.store);
    fresh.clock.advance(20 * second);
    const report = await online.tick();
    expect(report.errors).toEqual([]);
    const scores = await fresh.store.evals.listOnlineScores({ traceId: run.traceId! });
    expect(Object.fromEntries(scores.map((score) => [score.scorer, score.passed]))).toEqual({
      contains: true,
      "tool-called": true,
      // The run took 1,830 ms.
      latency: false,
    });
  });

  it("keeps scoring the other rules when one fails, and reports scorers that throw", async () => {
    const evalsConfig = config([
      rule({ name: "broken", scorers: [{ type: "unknown-type" }] }),
      rule({ name: "quality", scorers: [{ type: "contains" }, { type: "throws" }] }),
    ]);
    const online = createOnlineScorer({
      store: fresh.store,
      config: evalsConfig,
      clock: fresh.clock,
      buildScorers: (specs) =>
        specs.map((spec): Scorer => {
          if (spec.type === "contains") return refundScorer();
          if (spec.type === "throws") {
            return {
              name: "flaky",
              type: "javascript",
              threshold: 1,
              score: async () => {
                throw new Error("custom scorer crashed");
              },
            };
          }
          throw new GantryError({
            code: "EVAL_SCORER_UNKNOWN",
            message: `Unknown scorer type ${String(spec.type)}`,
            domain: "EVAL",
            category: "USER",
          });
        }),
    });
    const run = await productionRun(fresh.store);
    fresh.clock.advance(20 * second);
    const report = await online.tick();
    expect(report.errors).toEqual([
      {
        rule: "broken",
        stage: "score",
        code: "EVAL_SCORER_UNKNOWN",
        message: "Unknown scorer type unknown-type",
      },
    ]);
    expect(report.rules).toHaveLength(1);
    expect(report.rules[0]).toMatchObject({
      rule: "quality",
      scoredTraces: 1,
      scores: 1,
      problems: [{ traceId: run.traceId, scorer: "flaky", message: "custom scorer crashed" }],
    });
    // The failed rule's cursor did not move: it retries on the next tick.
    expect(await fresh.store.evals.getOnlineCursor("broken")).toBe(0);
  });
});
