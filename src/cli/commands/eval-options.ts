import { type Command, InvalidArgumentError } from "commander";
import type { JsonValue } from "../../core/index.js";

// Parsers of `gantry eval` option values; a bad value is a usage error naming the value.

/** A whole number of at least 1 (trials, concurrency, limits). */
export function parseCount(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value.trim()) || count < 1)
    throw new InvalidArgumentError(`expected a whole number of at least 1, got '${value}'`);
  return count;
}

/** A share from 0 to 1 (quality SLO). */
export function parseShare(value: string): number {
  const share = Number(value);
  if (value.trim() === "" || !Number.isFinite(share) || share < 0 || share > 1) {
    throw new InvalidArgumentError(`expected a number from 0 to 1 such as 0.95, got '${value}'`);
  }
  return share;
}

/** A non-negative number (USD, milliseconds, volume). */
export function parseAmount(value: string): number {
  const amount = Number(value);
  if (value.trim() === "" || !Number.isFinite(amount) || amount < 0) {
    throw new InvalidArgumentError(`expected a number of at least 0, got '${value}'`);
  }
  return amount;
}

/** JSON, or plain text when it does not start like JSON (`--expected refund`). */
export function parseJsonOrText(value: string): JsonValue {
  const trimmed = value.trim();
  if (!/^[[{"]|^(true|false|null|-?\d)/.test(trimmed)) return value;
  try {
    return JSON.parse(trimmed) as JsonValue;
  } catch (error) {
    throw new InvalidArgumentError(
      `it starts like JSON but does not parse (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/**
 * A subcommand's options merged with `gantry eval`'s: commander hands an option both define
 * (`--json`, `--label`, `--trials`, `--concurrency`) to `eval`, whichever side of the subcommand's
 * name it is written on.
 */
export function subcommandOptions<T>(command: Command): T {
  return { ...command.opts(), ...(command.parent?.opts() ?? {}) } as T;
}
