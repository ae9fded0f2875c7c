import type { ModelCallResult } from "../model-call-spec.js";

/** How often one cascade's cheap answer was rejected and the request escalated. */
export interface EscalationStats {
  calls: number;
  escalations: number;
  /** escalations / calls; 0 before the first call. */
  rate: number;
}

/**
 * In-memory escalation counters per cascade name. The model client calls `record` once per cascaded
 * request, after the validator has spoken. Persisting the counters is the telemetry issue's job.
 */
export interface EscalationRecorder {
  record(cascade: string, escalated: boolean): void;
  /** Records a finished call when its route was a cascade (`route.cascade`, `route.escalated`); ignores the rest. */
  recordResult(result: Pick<ModelCallResult, "route" | "cached">): void;
  /** Counters for one cascade (zeros when it has not run). */
  stats(cascade: string): EscalationStats;
  /** Counters for every cascade that has run, by name. */
  snapshot(): Record<string, EscalationStats>;
  reset(): void;
}

/** Creates an empty escalation recorder. */
export function createEscalationRecorder(): EscalationRecorder {
  const counters = new Map<string, { calls: number; escalations: number }>();
  const statsOf = (counter: { calls: number; escalations: number } | undefined): EscalationStats => {
    const calls = counter?.calls ?? 0;
    const escalations = counter?.escalations ?? 0;
    return { calls, escalations, rate: calls === 0 ? 0 : escalations / calls };
  };
  const record = (cascade: string, escalated: boolean) => {
    const counter = counters.get(cascade) ?? { calls: 0, escalations: 0 };
    counter.calls += 1;
    if (escalated) counter.escalations += 1;
    counters.set(cascade, counter);
  };
  return {
    record,
    // A cache hit ran no cascade, so it says nothing about how often the cheap tier falls short.
    recordResult(result) {
      if (result.route.cascade !== undefined && !result.cached)
        record(result.route.cascade, result.route.escalated === true);
    },
    stats: (cascade) => statsOf(counters.get(cascade)),
    snapshot: () => Object.fromEntries([...counters].map(([name, counter]) => [name, statsOf(counter)])),
    reset: () => counters.clear(),
  };
}
