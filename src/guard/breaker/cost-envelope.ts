import type { RunStatus, Store } from "../../store/index.js";
import type { BreakerSettings, CostEnvelope } from "./breaker-spec.js";
import { nearestRankPercentile } from "./percentile.js";

// An agent's session cost envelope: declared in its breaker settings, or learned from the costs of its
// finished sessions in the store. A learned envelope needs `minSamples` sessions; with fewer there is
// none and the cost check is off (the loop detectors still run).

const finishedStatuses: RunStatus[] = ["completed", "failed"];
const pageSize = 500;

/** USD as integer micro-USD. */
export function usdToMicros(usd: number): number {
  return Math.round(usd * 1_000_000);
}

/** The declared envelope of resolved settings, or undefined when the agent declares none. */
export function declaredEnvelope(settings: Pick<BreakerSettings, "envelope">): CostEnvelope | undefined {
  if (settings.envelope === undefined) return undefined;
  return {
    p50Micros: usdToMicros(settings.envelope.p50Usd),
    p95Micros: usdToMicros(settings.envelope.p95Usd),
    source: "declared",
  };
}

export interface LearnEnvelopeOptions {
  runs: Store["runs"];
  agent: string;
  settings: Pick<BreakerSettings, "historySize" | "minSamples">;
  projectId?: string;
}

/**
 * Session costs of an agent's most recent `historySize` sessions, newest first. A session is the
 * finished (completed or failed) runs of the agent sharing a `sessionId`; a run without one is a
 * session of its own. Each run's `costMicros` already includes its subagents.
 */
export async function recentSessionCosts(options: LearnEnvelopeOptions): Promise<number[]> {
  const { runs, agent, settings, projectId } = options;
  const costs = new Map<string, number>();
  let cursor: string | null = null;
  do {
    const page = await runs.list({ agent, projectId, status: finishedStatuses, limit: pageSize, cursor });
    for (const run of page.items) {
      const key = run.sessionId === null ? `run ${run.id}` : `session ${run.sessionId}`;
      const sofar = costs.get(key);
      if (sofar === undefined && costs.size === settings.historySize) return [...costs.values()];
      costs.set(key, (sofar ?? 0) + run.costMicros);
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
  return [...costs.values()];
}

/** The learned envelope (nearest-rank p50 and p95 of session costs), or undefined below `minSamples`. */
export async function learnEnvelope(options: LearnEnvelopeOptions): Promise<CostEnvelope | undefined> {
  const costs = await recentSessionCosts(options);
  if (costs.length < options.settings.minSamples) return undefined;
  return {
    p50Micros: nearestRankPercentile(costs, 50) ?? 0,
    p95Micros: nearestRankPercentile(costs, 95) ?? 0,
    source: "learned",
    samples: costs.length,
  };
}
