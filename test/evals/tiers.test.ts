import { describe, expect, it } from "vitest";
import { routingSchema } from "../../src/core/index.js";
import { datasetOf } from "../../src/evals/datasets/index.js";
import type { Scorer } from "../../src/evals/index.js";
import {
  estimateCascade,
  proposeRouting,
  routingSnippet,
  runTiers,
  type TierMetrics,
} from "../../src/evals/tiers/index.js";
import { evalHarness } from "./support/eval-harness.js";

function tier(name: string, overrides: Partial<TierMetrics>): TierMetrics {
  return {
    tier: name,
    runId: `evr_${name}`,
    accuracy: 1,
    trials: 10,
    passedTrials: 10,
    inconclusiveTrials: 0,
    costPerTrialMicros: 100,
    costPerSuccessMicros: 100,
    latencyP50Ms: 100,
    latencyP95Ms: 200,
    passedCases: [],
    failedCases: [],
    ...overrides,
  };
}

const ids = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, index) => `c${from + index}`);

// small fails c9 and c10; large passes everything at 10x the price.
const small = tier("small", {
  accuracy: 0.8,
  costPerTrialMicros: 10,
  latencyP95Ms: 100,
  passedCases: ids(1, 8),
  failedCases: ["c9", "c10"],
});
const large = tier("large", {
  accuracy: 1,
  costPerTrialMicros: 100,
  latencyP95Ms: 400,
  passedCases: ids(1, 10),
});

describe("estimateCascade", () => {
  it("escalates the cheap tier's failures and counts the ones the dearer tier rescues", () => {
    const partial = tier("medium", {
      costPerTrialMicros: 50,
      passedCases: [...ids(1, 9)],
      failedCases: ["c10"],
    });
    const cascade = estimateCascade(small, partial);
    expect(cascade.cheapFailureRate).toBeCloseTo(0.2, 12);
    expect(cascade.escalationRate).toBe(0.5);
    expect(cascade.accuracy).toBeCloseTo(0.9, 12);
    expect(cascade.costPerRequestMicros).toBeCloseTo(10 + 0.2 * 50, 12);
    // 20% escalate, so the p95 includes the second call.
    expect(cascade.latencyP95Ms).toBe(100 + 200);
  });
});

describe("proposeRouting", () => {
  const base = { class: "pattern" as const, volumePerDay: 10_000 };

  it("picks the cheapest tier that meets the SLOs when wrong answers cost nothing extra", () => {
    const proposal = proposeRouting({
      task: "triage",
      tiers: [small, large],
      profile: { ...base, wrongAnswerCostUsd: 0, qualitySlo: 0.75 },
    });
    expect(proposal.choice).toMatchObject({ kind: "tier", tier: "small" });
    expect(proposal.routing).toEqual({ rules: [{ taskProfile: "triage", tier: "small" }], cascade: [] });
    expect(proposal.dailyCostUsd).toBeCloseTo((10 * 10_000) / 1_000_000, 12);
  });

  it("proposes a cascade when its expected cost, wrong answers included, is lower than the tier that meets the SLO", () => {
    const proposal = proposeRouting({
      task: "triage",
      tiers: [small, large],
      profile: { ...base, wrongAnswerCostUsd: 0.01, qualitySlo: 0.95 },
      validator: "json",
    });
    // large alone: 100 µ$; cascade: 10 + 0.2·100 = 30 µ$, accuracy 100%.
    expect(proposal.choice).toMatchObject({
      kind: "cascade",
      tier: "small",
      to: "large",
      accuracy: 1,
      costPerRequestMicros: 30,
    });
    expect(proposal.routing.cascade).toEqual([
      { name: "triage-escalation", from: "small", to: "large", validator: "json" },
    ]);
    expect(proposal.reasons[1]).toMatch(/^cheapest single tier that meets them: tier large/);
    // The snippet's routing is what the config schema accepts.
    expect(() => routingSchema.parse(proposal.routing)).not.toThrow();
    const snippet = routingSnippet(proposal, "triage");
    expect(snippet).toContain('rules: [{ taskProfile: "triage", tier: "small" }],');
    expect(snippet).toContain(
      'cascade: [{ name: "triage-escalation", from: "small", to: "large", validator: "json" }],',
    );
  });

  it("rules out a tier or cascade over the latency SLO", () => {
    const proposal = proposeRouting({
      task: "triage",
      tiers: [small, large],
      profile: { ...base, wrongAnswerCostUsd: 0.01, qualitySlo: 0.95, latencySloMs: 450 },
    });
    // The cascade's p95 (100 + 400 ms) breaks the SLO; large alone (400 ms) meets it.
    expect(proposal.choice).toMatchObject({ kind: "tier", tier: "large" });
  });

  it("says so when nothing meets the SLOs, and proposes the most accurate tier", () => {
    const proposal = proposeRouting({
      task: "triage",
      tiers: [
        small,
        tier("large", {
          accuracy: 0.85,
          costPerTrialMicros: 100,
          passedCases: ids(1, 8),
          failedCases: ["c9", "c10"],
        }),
      ],
      profile: { ...base, wrongAnswerCostUsd: 0, qualitySlo: 0.99 },
    });
    expect(proposal.choice).toMatchObject({ kind: "tier", tier: "large" });
    expect(proposal.reasons[0]).toMatch(
      /^no tier or cascade meets the quality SLO 99%; the most accurate is tier large/,
    );
  });
});

describe("runTiers", () => {
  it("runs the suite on every tier and measures accuracy, cost per success, latency and escalation", async () => {
    const scenario = `name: tiers
includeDefaultRules: false
versions:
  sloppy: { refusalRate: 0.5 }
rules:
  - reply: { text: "answer: {{lastUserText}}" }
`;
    const harness = await evalHarness({
      scenario,
      models: { tiers: { small: ["sim:fast@sloppy"], large: ["sim:default"] } },
    });
    const answered: Scorer = {
      name: "answered",
      type: "contains",
      threshold: 1,
      async score({ output }) {
        const passed = output.text.startsWith("answer:");
        return [{ scorer: "answered", value: passed ? 1 : 0, passed }];
      },
    };
    const cases = Array.from({ length: 20 }, (_, index) => ({
      id: `q${index + 1}`,
      input: `question number ${index + 1}`,
      tags: [],
      source: "synthetic" as const,
    }));
    const started: string[] = [];
    const benchmark = await runTiers({
      suite: { name: "answers", target: { kind: "model", model: "sim:default" }, scorers: [answered] },
      dataset: datasetOf("answers", cases, "inline"),
      tiers: harness.workspace.config.models.tiers,
      deps: harness.deps,
      profile: { qualitySlo: 0.95, wrongAnswerCostUsd: 0.001 },
      options: { concurrency: 4 },
      onTier: (name, outcome) => {
        if (!outcome) started.push(name);
      },
    });
    expect(started).toEqual(["small", "large"]);
    const [cheap, dear] = benchmark.tiers;
    expect(cheap!.tier).toBe("small");
    expect(cheap!.accuracy).toBeGreaterThan(0.2);
    expect(cheap!.accuracy).toBeLessThan(0.8);
    expect(dear!.accuracy).toBe(1);
    expect(dear!.costPerSuccessMicros).toBeGreaterThan(0);
    expect(cheap!.costPerTrialMicros!).toBeLessThan(dear!.costPerTrialMicros!);
    expect(dear!.latencyP95Ms).toBeGreaterThanOrEqual(dear!.latencyP50Ms);
    const runs = await harness.store.evals.listRuns({ suite: "answers" });
    expect(runs.map((run) => run.label).sort()).toEqual(["tier:large", "tier:small"]);
    const cascade = benchmark.proposal.cascades.find(
      (entry) => entry.from === "small" && entry.to === "large",
    )!;
    expect(cascade.escalationRate).toBe(1);
    expect(cascade.cheapFailureRate).toBeCloseTo(1 - cheap!.accuracy, 12);
    expect(benchmark.proposal.choice.meetsQuality).toBe(true);
    expect(benchmark.proposal.routing.rules[0]!.taskProfile).toBe("answers");
  });
});
