import type { Clock } from "../../core/index.js";

/** `server.rateLimits` from the config: a default and per-key-name requests per minute (0 = unlimited). */
export interface RateLimitSettings {
  requestsPerMinute: number;
  keys: Record<string, { requestsPerMinute: number }>;
}

/** Who a request is counted against: an API key (by id, limit looked up by its name) or a client address. */
export interface RateLimitSubject {
  bucket: string;
  keyName?: string;
}

export type RateLimitDecision =
  | { allowed: true; limit: number; remaining: number }
  | { allowed: false; limit: number; remaining: 0; retryAfterMs: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

// Past this many buckets, idle ones are dropped so the map cannot grow without bound.
const pruneAbove = 10_000;

/**
 * Token buckets, one per API key (or client address when keys are off): capacity is the per-minute
 * limit, refilled continuously, so a client may burst up to a minute's allowance and then runs at the
 * rate. In memory, per process: N replicas behind a load balancer allow N times the limit.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly clock: Clock,
  ) {}

  /** The per-minute limit for a subject; 0 means unlimited. */
  limitFor(subject: RateLimitSubject): number {
    const named = subject.keyName === undefined ? undefined : this.settings.keys[subject.keyName];
    return named?.requestsPerMinute ?? this.settings.requestsPerMinute;
  }

  /** Takes one request's token, or says how long until one is available. */
  take(subject: RateLimitSubject): RateLimitDecision {
    const limit = this.limitFor(subject);
    if (limit === 0) return { allowed: true, limit, remaining: Number.POSITIVE_INFINITY };
    const now = this.clock.now();
    const perMs = limit / 60_000;
    const bucket = this.buckets.get(subject.bucket) ?? { tokens: limit, updatedAt: now };
    bucket.tokens = Math.min(limit, bucket.tokens + (now - bucket.updatedAt) * perMs);
    bucket.updatedAt = now;
    if (!this.buckets.has(subject.bucket)) {
      if (this.buckets.size >= pruneAbove) this.prune(now);
      this.buckets.set(subject.bucket, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, limit, remaining: Math.floor(bucket.tokens) };
    }
    return { allowed: false, limit, remaining: 0, retryAfterMs: Math.ceil((1 - bucket.tokens) / perMs) };
  }

  private prune(now: number): void {
    // A bucket untouched for a minute has refilled completely: forgetting it changes nothing.
    for (const [name, bucket] of this.buckets)
      if (now - bucket.updatedAt >= 60_000) this.buckets.delete(name);
  }
}
