import { GantryError } from "../../core/index.js";

/**
 * A non-negative decimal held exactly as `units × 10^-scale`. Prices are written in files as decimals
 * (`3.75e-06`) but parsed into binary floats that cannot hold them; multiplying those floats by token
 * counts drifts (`3 * 1.1e-06 * 1e6` is `3.3000000000000003`). Reading a float back through its
 * shortest round-trip text recovers the decimal the author wrote, and BigInt arithmetic keeps it exact.
 */
export interface ExactDecimal {
  units: bigint;
  scale: number;
}

const decimalText = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/;

/** The decimal a finite, non-negative float was written as (its shortest round-trip text). */
export function exactDecimal(value: number): ExactDecimal {
  if (!Number.isFinite(value) || value < 0) {
    throw new GantryError({
      code: "PRICE_NOT_A_DECIMAL",
      message: `A price must be a finite, non-negative number; got ${String(value)}`,
      domain: "MODEL",
      category: "SYSTEM",
      details: { value: String(value) },
      hint: "Price entries are validated when the catalog loads; report this as a bug.",
    });
  }
  const match = decimalText.exec(String(value));
  if (!match) throw new Error(`unreachable: ${String(value)} has no decimal form`);
  const fraction = match[2] ?? "";
  const exponent = Number(match[3] ?? "0");
  const units = BigInt(`${match[1]}${fraction}`);
  const scale = fraction.length - exponent;
  return scale >= 0 ? { units, scale } : { units: units * 10n ** BigInt(-scale), scale: 0 };
}

/** `decimal × factor`, where the factor is itself a decimal such as 1.25. */
export function multiplyDecimal(decimal: ExactDecimal, factor: number): ExactDecimal {
  const other = exactDecimal(factor);
  return { units: decimal.units * other.units, scale: decimal.scale + other.scale };
}

/** Σ tokens × price, exact, as units at a common scale. */
export function sumProducts(terms: ReadonlyArray<{ tokens: number; price: ExactDecimal }>): ExactDecimal {
  const scale = terms.reduce((largest, term) => Math.max(largest, term.price.scale), 0);
  let units = 0n;
  for (const term of terms) {
    units += BigInt(term.tokens) * term.price.units * 10n ** BigInt(scale - term.price.scale);
  }
  return { units, scale };
}

/**
 * A USD amount in integer micro-USD, rounded half up (…0.5 µ$ goes up). Amounts are never negative,
 * so half up and half away from zero agree.
 */
export function roundToMicros(usd: ExactDecimal): number {
  // micros = units × 10^6 / 10^scale; with d = 10^scale, round half up is floor((2·n + d) / (2·d)).
  const numerator = usd.units * 1_000_000n;
  const denominator = 10n ** BigInt(usd.scale);
  return Number((2n * numerator + denominator) / (2n * denominator));
}
