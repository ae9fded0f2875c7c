// "Since when" as users write it, on the command line and in query strings alike: a duration back from
// now or a calendar time. Callers turn `undefined` into their own error (a CLI usage error, an HTTP 400).

const relativeUnits: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Epoch ms from a duration back from `now` (`30s`, `15m`, `24h`, `7d`, `2w`) or an ISO-8601 time; `undefined` when neither. */
export function parsePointInTime(value: string, now: number): number | undefined {
  const relative = /^(\d+)([smhdw])$/.exec(value.trim());
  if (relative) return now - Number(relative[1]) * relativeUnits[relative[2]!]!;
  // Only full dates: Date.parse would also take "5" or "May" and guess.
  const time = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? undefined : time;
}
