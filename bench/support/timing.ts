// Wall-clock helpers shared by the benches: each times a path, then reports the median over rounds.

/** Runs `work` once and returns how long it took, in milliseconds. */
export async function timed(work: () => Promise<void> | void): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The middle value (upper middle for an even count); the caller passes at least one value. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
