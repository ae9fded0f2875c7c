import type { Clock } from "../../core/index.js";
import type { CostEnvelope } from "./breaker-spec.js";

// Learning an envelope reads up to `historySize` sessions from the store; a busy agent opens many
// sessions a minute, so the result (including "no envelope yet") is kept per key for a short while.
// The pending promise is cached too, so sessions opened together share one read.

/** How long a learned envelope is reused before it is read again. */
export const envelopeCacheTtlMs = 60_000;

interface Entry {
  expiresAt: number;
  pending: Promise<CostEnvelope | undefined>;
}

export interface EnvelopeCache {
  /** The cached envelope of `key`, or the result of `learn()` (cached for a minute; failures are not). */
  get(key: string, learn: () => Promise<CostEnvelope | undefined>): Promise<CostEnvelope | undefined>;
}

/** A per-key cache of learned envelopes on an injected clock. */
export function createEnvelopeCache(clock: Clock, ttlMs: number = envelopeCacheTtlMs): EnvelopeCache {
  const entries = new Map<string, Entry>();
  return {
    get(key, learn) {
      const now = clock.now();
      const cached = entries.get(key);
      if (cached !== undefined && now < cached.expiresAt) return cached.pending;
      const pending = learn();
      const entry: Entry = { expiresAt: now + ttlMs, pending };
      entries.set(key, entry);
      // A failed read (store unreachable) must not be served for a minute; the next session retries.
      pending.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return pending;
    },
  };
}
