/**
 * How long a provider asked us to wait, in milliseconds, from its response headers; undefined when it
 * did not say (or said something unreadable). `retry-after-ms` (OpenAI, Azure) wins over `retry-after`,
 * which is either delay-seconds or an HTTP date (RFC 9110 §10.2.3), read against `now`.
 * A date in the past means "now": 0.
 */
export function parseRetryAfterMs(
  headers: Record<string, string | undefined> | undefined,
  now: number,
): number | undefined {
  if (headers === undefined) return undefined;
  const milliseconds = parseNumber(header(headers, "retry-after-ms"));
  if (milliseconds !== undefined) return Math.round(milliseconds);
  const value = header(headers, "retry-after")?.trim();
  if (value === undefined || value === "") return undefined;
  const seconds = parseNumber(value);
  if (seconds !== undefined) return Math.round(seconds * 1000);
  // Only a value that looks like a date: Date.parse accepts odd strings such as "1" as a year.
  if (!/[a-z]/i.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

// Headers from the AI SDK are lower-cased, but a hand-built error may not be.
function header(headers: Record<string, string | undefined>, name: string): string | undefined {
  if (headers[name] !== undefined) return headers[name];
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

function parseNumber(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  const parsed = Number.parseFloat(value);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
}
