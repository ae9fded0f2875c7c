import { type Clock, type RetryPolicy, systemClock } from "../../core/index.js";

export type CooldownPolicy = RetryPolicy["cooldown"];

/** Why and until when a deployment is cooling down. */
export interface CooldownState {
  until: number;
  reason: string;
}

interface Outcome {
  at: number;
  failed: boolean;
}

// A deployment's sliding window: outcomes before `head` have expired. Counting failures as they enter
// and leave keeps `record` O(1) amortised; filtering the whole window per call cost ~1 ms at 40k
// calls a minute (bench/gateway).
interface Window {
  outcomes: Outcome[];
  head: number;
  failures: number;
}

/**
 * Per-deployment (model id) health, shared by every request of one client. Each deployment keeps a
 * sliding window of recent outcomes; when more than `failureRate` of at least `minCalls` calls in the
 * last `windowMs` failed, it cools down for `durationMs`, and some failures (bad key, unknown model)
 * cool it down at once. A cooling deployment is skipped by the failover policy.
 *
 * Starting a cooldown empties the window, so when it ends the deployment is judged afresh: the calls
 * that follow (probes, in effect) must fail again, `minCalls` of them, to cool it down again.
 */
export class CooldownTracker {
  private readonly windows = new Map<string, Window>();
  private readonly cooling = new Map<string, CooldownState>();

  constructor(
    private readonly policy: CooldownPolicy,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Records one real call's outcome and starts a cooldown when the window's failure rate is too high. */
  record(modelId: string, failed: boolean): void {
    const now = this.clock.now();
    const window = this.prune(modelId, now);
    window.outcomes.push({ at: now, failed });
    if (failed) window.failures += 1;
    const calls = window.outcomes.length - window.head;
    const failures = window.failures;
    if (failed && calls >= this.policy.minCalls && failures / calls > this.policy.failureRate) {
      const percent = Math.round((failures / calls) * 100);
      this.coolDown(
        modelId,
        this.policy.durationMs,
        `${failures} of ${calls} calls (${percent}%) failed within ${this.policy.windowMs} ms`,
      );
    }
  }

  /** Cools a deployment down now, for `durationMs` (the policy's by default); an existing longer cooldown stays. */
  coolDown(modelId: string, durationMs: number = this.policy.durationMs, reason = "cooled down"): void {
    const until = this.clock.now() + durationMs;
    const current = this.cooling.get(modelId);
    if (current === undefined || current.until < until) this.cooling.set(modelId, { until, reason });
    this.windows.delete(modelId);
  }

  /** The cooldown in force for a deployment, or undefined when it may be called. */
  state(modelId: string): CooldownState | undefined {
    const current = this.cooling.get(modelId);
    if (current === undefined) return undefined;
    if (current.until <= this.clock.now()) {
      this.cooling.delete(modelId);
      return undefined;
    }
    return current;
  }

  /** True while a deployment is cooling down. */
  isCooling(modelId: string): boolean {
    return this.state(modelId) !== undefined;
  }

  /** How many outcomes the window holds now, and how many failed (for tests and diagnostics). */
  windowOf(modelId: string): { calls: number; failures: number } {
    const window = this.prune(modelId, this.clock.now());
    return { calls: window.outcomes.length - window.head, failures: window.failures };
  }

  private prune(modelId: string, now: number): Window {
    let window = this.windows.get(modelId);
    if (window === undefined) {
      window = { outcomes: [], head: 0, failures: 0 };
      this.windows.set(modelId, window);
    }
    const { outcomes } = window;
    while (window.head < outcomes.length && now - outcomes[window.head]!.at >= this.policy.windowMs) {
      if (outcomes[window.head]!.failed) window.failures -= 1;
      window.head += 1;
    }
    // Drop the expired prefix once it is most of the array, so memory stays bounded by the window.
    if (window.head > 1024 && window.head * 2 > outcomes.length) {
      window.outcomes = outcomes.slice(window.head);
      window.head = 0;
    }
    return window;
  }
}
