import type { JsonValue } from "../../core/index.js";
import { invalidInput } from "../store-errors.js";

// Conversions between record values and column values, shared by the repositories.

/** JSON text for a JSON column. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** JSON text, or null for a nullable JSON column holding "nothing". */
export function toNullableJsonText(value: JsonValue | null | undefined): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** Parses a JSON column. */
export function fromJsonText<T = JsonValue>(text: string): T {
  return JSON.parse(text) as T;
}

/** Parses a nullable JSON column. */
export function fromNullableJsonText<T = JsonValue>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

/** Money must be an exact integer number of micro-USD; anything else would be silently rounded. */
export function checkMicros(value: number, field: string): number {
  if (!Number.isSafeInteger(value)) {
    throw invalidInput(field, `must be an integer number of micro-USD, got ${value}`);
  }
  return value;
}

/** Integer columns come back as number from both drivers (pg via our int8 parser); null stays null. */
export function toNullableNumber(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

/** A page size within bounds. */
export function pageLimit(limit: number | undefined, fallback: number, maximum: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1)
    throw invalidInput("limit", `must be a positive integer, got ${limit}`);
  return Math.min(limit, maximum);
}
