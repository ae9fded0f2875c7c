/** Time source, injected wherever time matters for tests (budgets windows, TTLs, ids). */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to; for tests. */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.current;
  }
  advance(milliseconds: number): void {
    this.current += milliseconds;
  }
  set(time: number): void {
    this.current = time;
  }
}

/** ISO-8601 text of a clock's current time. */
export function isoNow(clock: Clock = systemClock): string {
  return new Date(clock.now()).toISOString();
}
