// Spend velocity: micro-USD settled over the last minute, a sliding window. A loop that stays inside
// the session envelope can still burn money fast; this catches it within a minute.

/** Width of the velocity window. */
export const velocityWindowMs = 60_000;

/** The spends still inside the window ending at `now` (older ones can never count again). */
export function spendsInWindow(
  recent: ReadonlyArray<readonly [number, number]>,
  now: number,
): Array<[number, number]> {
  return recent.filter(([at]) => at > now - velocityWindowMs).map(([at, micros]) => [at, micros]);
}

/** Micro-USD spent in the window ending at `now`. */
export function spendInWindow(recent: ReadonlyArray<readonly [number, number]>, now: number): number {
  let total = 0;
  for (const [at, micros] of recent) if (at > now - velocityWindowMs) total += micros;
  return total;
}
