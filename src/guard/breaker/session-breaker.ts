import { type Clock, systemClock } from "../../core/index.js";
import { breakerAmountInvalid } from "./breaker-errors.js";
import { cloneSnapshot, emptySnapshot } from "./breaker-snapshot.js";
import type {
  BreakerSettings,
  BreakerTrip,
  CostEnvelope,
  SessionBreaker,
  SessionBreakerSnapshot,
  TripReason,
} from "./breaker-spec.js";
import { usdToMicros } from "./cost-envelope.js";
import { pingPongRun } from "./ping-pong.js";
import { repeatedCallRun, toolCallKey } from "./repeated-tool-call.js";
import { spendInWindow, spendsInWindow, velocityWindowMs } from "./spend-velocity.js";

// One session's breaker: counts spend, model calls, tool calls and handoffs, and trips at most once.
// After the first trip every check returns undefined (the runtime applies the degradation once) but
// the counters keep going, so the snapshot and the trace show what the session really spent.

export interface SessionBreakerOptions {
  agent: string;
  settings: BreakerSettings;
  envelope: CostEnvelope | undefined;
  clock?: Clock;
  /** Where the session starts: a resumed run's snapshot, or a fresh one with earlier spend. */
  snapshot?: SessionBreakerSnapshot;
  /** Told about the session's own trips as they happen (the agent circuit counts them). */
  onTrip?: (trip: BreakerTrip) => void;
  /** Told once when the session ends. */
  onEnd?: (outcome: { tripped: boolean; trip: BreakerTrip | undefined }) => void;
}

/** The largest session spend the envelope allows, or undefined when there is no cost check. */
export function envelopeLimitMicros(
  envelope: CostEnvelope | undefined,
  tripMultiplier: number,
): number | undefined {
  // An envelope of zero (every past session free, e.g. unpriced models) would trip on the first call.
  if (envelope === undefined || envelope.p95Micros <= 0) return undefined;
  return Math.floor(tripMultiplier * envelope.p95Micros);
}

/** A session breaker over plain counters; the registry adds the agent circuit around it. */
export function createSessionBreaker(options: SessionBreakerOptions): SessionBreaker {
  const { agent, settings, envelope } = options;
  const clock = options.clock ?? systemClock;
  const state: SessionBreakerSnapshot = options.snapshot ? cloneSnapshot(options.snapshot) : emptySnapshot();
  const limitMicros = envelopeLimitMicros(envelope, settings.tripMultiplier);
  const velocityLimitMicros =
    settings.maxUsdPerMinute === undefined ? undefined : usdToMicros(settings.maxUsdPerMinute);
  let ended = false;

  function trip(reason: TripReason, message: string, details: BreakerTrip["details"]): BreakerTrip {
    const made: BreakerTrip = {
      reason,
      degradation: settings.degradation,
      message,
      details,
      at: clock.now(),
    };
    state.trips.push(made);
    options.onTrip?.(structuredClone(made));
    return structuredClone(made);
  }

  const tripped = () => state.trips.length > 0;

  return {
    agent,
    envelope,

    beforeModelCall(estimateMicros) {
      checkAmount("estimateMicros", estimateMicros);
      if (tripped() || limitMicros === undefined) return undefined;
      if (state.spentMicros + estimateMicros <= limitMicros) return undefined;
      return trip(
        "cost-envelope",
        `Session spend ${usd(state.spentMicros)} plus this call's ${usd(estimateMicros)} would pass ` +
          `${settings.tripMultiplier} x p95 (${usd(limitMicros)}) of agent "${agent}"'s ${envelope!.source} envelope`,
        {
          spentMicros: state.spentMicros,
          estimateMicros,
          limitMicros,
          p50Micros: envelope!.p50Micros,
          p95Micros: envelope!.p95Micros,
          tripMultiplier: settings.tripMultiplier,
          envelopeSource: envelope!.source,
        },
      );
    },

    recordModelCall(actualMicros) {
      checkAmount("actualMicros", actualMicros);
      const now = clock.now();
      state.spentMicros += actualMicros;
      state.iterations += 1;
      state.recentSpend = spendsInWindow(state.recentSpend, now);
      if (velocityLimitMicros !== undefined) state.recentSpend.push([now, actualMicros]);
      if (tripped()) return undefined;
      if (velocityLimitMicros !== undefined) {
        const lastMinute = spendInWindow(state.recentSpend, now);
        if (lastMinute > velocityLimitMicros) {
          return trip(
            "spend-velocity",
            `Agent "${agent}" spent ${usd(lastMinute)} in the last minute, over its limit of ${usd(velocityLimitMicros)} per minute`,
            { lastMinuteMicros: lastMinute, limitMicros: velocityLimitMicros, windowMs: velocityWindowMs },
          );
        }
      }
      if (settings.maxIterations !== undefined && state.iterations >= settings.maxIterations) {
        return trip(
          "iterations",
          `Agent "${agent}" made ${state.iterations} model calls in this session, its limit is ${settings.maxIterations}`,
          { iterations: state.iterations, maxIterations: settings.maxIterations },
        );
      }
      return undefined;
    },

    recordToolCall(toolName, input) {
      const key = toolCallKey(toolName, input);
      state.recentToolCalls.push(key);
      // Only the latest `limit` calls can ever form the run that trips.
      state.recentToolCalls = state.recentToolCalls.slice(-settings.repeatedCallLimit);
      if (tripped()) return undefined;
      const run = repeatedCallRun(state.recentToolCalls);
      if (run < settings.repeatedCallLimit) return undefined;
      return trip(
        "repeated-tool-call",
        `Agent "${agent}" called tool "${toolName}" with the same arguments ${run} times in a row`,
        { tool: toolName, times: run, repeatedCallLimit: settings.repeatedCallLimit, callKey: key },
      );
    },

    recordHandoff(fromAgent, toAgent) {
      state.handoffs.push(fromAgent, toAgent);
      state.handoffs = state.handoffs.slice(-2 * settings.pingPongLimit);
      if (tripped()) return undefined;
      const run = pingPongRun(state.handoffs);
      if (run === undefined || run.handoffs < settings.pingPongLimit) return undefined;
      return trip(
        "ping-pong",
        `Agents "${run.agents[0]}" and "${run.agents[1]}" handed work back and forth ${run.handoffs} times in a row`,
        { from: fromAgent, to: toAgent, handoffs: run.handoffs, pingPongLimit: settings.pingPongLimit },
      );
    },

    trips() {
      return state.trips.map((made) => structuredClone(made));
    },

    snapshot() {
      return cloneSnapshot(state);
    },

    end(outcome) {
      if (ended) return;
      ended = true;
      const tripped = outcome.tripped || state.trips.length > 0;
      options.onEnd?.({ tripped, trip: state.trips.at(-1) });
    },
  };
}

function checkAmount(what: string, micros: number): void {
  if (typeof micros !== "number" || !Number.isSafeInteger(micros) || micros < 0)
    throw breakerAmountInvalid(what, micros);
}

function usd(micros: number): string {
  return `$${(micros / 1_000_000).toFixed(micros % 10_000 === 0 ? 2 : 6)}`;
}
