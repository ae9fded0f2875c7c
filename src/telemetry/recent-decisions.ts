// The sampler's memory of recent keep/drop decisions, so spans arriving after a decision follow it.
// A ring of ids bounds it: forgetting the oldest is O(1). (Evicting through a Map's iteration order
// is not: after many deletes V8 walks the holes left at the front, on every eviction.)

/** At most `capacity` trace decisions, forgetting the oldest first. */
export class RecentDecisions {
  private readonly decisions = new Map<string, boolean>();
  private readonly ring: Array<string | undefined>;
  private next = 0;

  constructor(capacity: number) {
    this.ring = new Array<string | undefined>(Math.max(1, capacity));
  }

  get(traceId: string): boolean | undefined {
    return this.decisions.get(traceId);
  }

  has(traceId: string): boolean {
    return this.decisions.has(traceId);
  }

  remember(traceId: string, keep: boolean): void {
    if (!this.decisions.has(traceId)) {
      const forgotten = this.ring[this.next];
      if (forgotten !== undefined) this.decisions.delete(forgotten);
      this.ring[this.next] = traceId;
      this.next = (this.next + 1) % this.ring.length;
    }
    this.decisions.set(traceId, keep);
  }

  get size(): number {
    return this.decisions.size;
  }
}
