import { InvalidArgumentError } from "commander";

/** Commander parser for a TCP port. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidArgumentError(`expected a port number from 0 to 65535, got '${value}'`);
  }
  return port;
}

const durationUnits: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Commander parser for a duration like `30d`, `12h` or `90m`, returned in milliseconds. */
export function parseDuration(value: string): number {
  const match = /^(\d+)([mhd])$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`expected a duration such as 90m, 12h or 30d, got '${value}'`);
  return Number(match[1]) * durationUnits[match[2]!]!;
}
