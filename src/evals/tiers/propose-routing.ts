import type { RoutingConfig } from "../../core/index.js";
import { type CascadeEstimate, estimateCascade } from "./cascade-estimate.js";
import type { TaskProfile } from "./task-profile.js";
import type { TierMetrics } from "./tier-metrics.js";

/** One way to serve the task: a tier alone, or a cascade from a cheaper tier to a dearer one. */
export interface RoutingOption {
  kind: "tier" | "cascade";
  /** The tier (for a cascade: the one tried first). */
  tier: string;
  /** A cascade's escalation tier. */
  to?: string;
  accuracy: number;
  costPerRequestMicros: number | null;
  /** Cost per request plus (1 − accuracy) × the cost of a wrong answer, micro-USD; null when a cost is unknown. */
  expectedCostMicros: number | null;
  latencyP95Ms: number;
  meetsQuality: boolean;
  meetsLatency: boolean;
}

export interface RoutingProposal {
  choice: RoutingOption;
  /** Every tier and every cheaper-to-dearer cascade, cheapest expected cost first. */
  options: RoutingOption[];
  cascades: CascadeEstimate[];
  /** Why this choice, one line each. */
  reasons: string[];
  /** The `models.routing` entries that serve the task this way (`taskProfile` = the suite's name). */
  routing: Pick<RoutingConfig, "rules" | "cascade">;
  /** Expected spend per day at the profile's volume, wrong answers included; null when a cost is unknown. */
  dailyCostUsd: number | null;
}

function option(
  kind: RoutingOption["kind"],
  tier: string,
  to: string | undefined,
  measured: { accuracy: number; costPerRequestMicros: number | null; latencyP95Ms: number },
  profile: TaskProfile,
): RoutingOption {
  const wrongMicros = profile.wrongAnswerCostUsd * 1_000_000;
  return {
    kind,
    tier,
    ...(to ? { to } : {}),
    accuracy: measured.accuracy,
    costPerRequestMicros: measured.costPerRequestMicros,
    expectedCostMicros:
      measured.costPerRequestMicros === null
        ? null
        : measured.costPerRequestMicros + (1 - measured.accuracy) * wrongMicros,
    latencyP95Ms: measured.latencyP95Ms,
    meetsQuality: measured.accuracy >= profile.qualitySlo,
    meetsLatency: profile.latencySloMs === undefined || measured.latencyP95Ms <= profile.latencySloMs,
  };
}

// Unknown costs sort last: an unpriced model cannot be shown to be cheaper.
function byCost(key: "costPerRequestMicros" | "expectedCostMicros") {
  return (a: RoutingOption, b: RoutingOption) =>
    (a[key] ?? Number.POSITIVE_INFINITY) - (b[key] ?? Number.POSITIVE_INFINITY);
}

const usd = (micros: number | null) => (micros === null ? "unknown" : `$${(micros / 1_000_000).toFixed(6)}`);
const pct = (value: number) => `${(value * 100).toFixed(1).replace(/\.0$/, "")}%`;

function describe(choice: RoutingOption): string {
  const name = choice.kind === "cascade" ? `cascade ${choice.tier} → ${choice.to}` : `tier ${choice.tier}`;
  return `${name}: accuracy ${pct(choice.accuracy)}, ${usd(choice.costPerRequestMicros)} per request, expected ${usd(choice.expectedCostMicros)} with wrong answers, p95 ${Math.round(choice.latencyP95Ms)}ms`;
}

/**
 * Proposes how to route a task from its tiers' measurements: the cheapest tier that meets the quality
 * and latency SLOs, unless a cascade (cheaper tier first, escalate on a failed check) that meets them
 * too has a lower expected cost once wrong answers are priced in. When nothing meets the SLOs, the
 * most accurate tier, saying so. `validator` is the cascade's check (`json` for JSON answers).
 */
export function proposeRouting(input: {
  task: string;
  tiers: readonly TierMetrics[];
  profile: TaskProfile;
  validator?: "non-empty" | "json" | "json-schema";
}): RoutingProposal {
  const { task, profile } = input;
  const singles = input.tiers.map((tier) =>
    option(
      "tier",
      tier.tier,
      undefined,
      {
        accuracy: tier.accuracy,
        costPerRequestMicros: tier.costPerTrialMicros,
        latencyP95Ms: tier.latencyP95Ms,
      },
      profile,
    ),
  );
  const cascades: CascadeEstimate[] = [];
  for (const cheap of input.tiers) {
    for (const dear of input.tiers) {
      if (cheap === dear || cheap.costPerTrialMicros === null || dear.costPerTrialMicros === null) continue;
      if (cheap.costPerTrialMicros >= dear.costPerTrialMicros) continue;
      cascades.push(estimateCascade(cheap, dear));
    }
  }
  const cascadeOptions = cascades.map((cascade) =>
    option("cascade", cascade.from, cascade.to, cascade, profile),
  );
  const options = [...singles, ...cascadeOptions].sort(byCost("expectedCostMicros"));
  const eligible = (candidate: RoutingOption) => candidate.meetsQuality && candidate.meetsLatency;
  const reasons: string[] = [];
  const bestSingle = singles.filter(eligible).sort(byCost("costPerRequestMicros"))[0];
  const bestCascade = cascadeOptions.filter(eligible).sort(byCost("expectedCostMicros"))[0];
  let choice: RoutingOption;
  const slos = `quality SLO ${pct(profile.qualitySlo)}${profile.latencySloMs === undefined ? "" : `, p95 latency SLO ${profile.latencySloMs}ms`}`;
  if (!bestSingle && !bestCascade) {
    choice = [...singles].sort((a, b) => b.accuracy - a.accuracy || byCost("costPerRequestMicros")(a, b))[0]!;
    reasons.push(`no tier or cascade meets the ${slos}; the most accurate is ${describe(choice)}`);
  } else if (
    bestCascade &&
    (!bestSingle ||
      (bestCascade.expectedCostMicros ?? Number.POSITIVE_INFINITY) <
        (bestSingle.expectedCostMicros ?? Number.POSITIVE_INFINITY))
  ) {
    choice = bestCascade;
    reasons.push(`${describe(choice)} meets the ${slos} at the lowest expected cost`);
    if (bestSingle) reasons.push(`cheapest single tier that meets them: ${describe(bestSingle)}`);
  } else {
    choice = bestSingle!;
    reasons.push(`${describe(choice)} is the cheapest tier that meets the ${slos}`);
    if (bestCascade) reasons.push(`best cascade: ${describe(bestCascade)} (expected cost not lower)`);
  }
  const routing: RoutingProposal["routing"] =
    choice.kind === "cascade"
      ? {
          rules: [{ taskProfile: task, tier: choice.tier }],
          cascade: [
            {
              name: `${task}-escalation`,
              from: choice.tier,
              to: choice.to!,
              validator: input.validator ?? "non-empty",
            },
          ],
        }
      : { rules: [{ taskProfile: task, tier: choice.tier }], cascade: [] };
  return {
    choice,
    options,
    cascades,
    reasons,
    routing,
    dailyCostUsd:
      choice.expectedCostMicros === null
        ? null
        : (choice.expectedCostMicros * profile.volumePerDay) / 1_000_000,
  };
}
