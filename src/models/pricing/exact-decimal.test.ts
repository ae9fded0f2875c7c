import { describe, expect, it } from "vitest";
import { exactDecimal, multiplyDecimal, roundToMicros, sumProducts } from "./exact-decimal.js";

describe("exact decimal prices", () => {
  it("reads a float back as the decimal it was written as", () => {
    expect(exactDecimal(3e-6)).toEqual({ units: 3n, scale: 6 });
    expect(exactDecimal(3.75e-6)).toEqual({ units: 375n, scale: 8 });
    expect(exactDecimal(1.25e-7)).toEqual({ units: 125n, scale: 9 });
    expect(exactDecimal(0)).toEqual({ units: 0n, scale: 0 });
    expect(exactDecimal(1e21)).toEqual({ units: 10n ** 21n, scale: 0 });
    expect(exactDecimal(2.5)).toEqual({ units: 25n, scale: 1 });
  });

  it("rejects negative and non-finite prices", () => {
    expect(() => exactDecimal(-1e-6)).toThrow(/non-negative/);
    expect(() => exactDecimal(Number.NaN)).toThrow(/finite/);
    expect(() => exactDecimal(Number.POSITIVE_INFINITY)).toThrow(/finite/);
  });

  it("multiplies by a decimal factor exactly", () => {
    // Anthropic's 1.25x cache-write multiplier on $3/MTok is $3.75/MTok, not 3.7500000000000004e-6.
    const product = multiplyDecimal(exactDecimal(3e-6), 1.25);
    expect(roundToMicros(sumProducts([{ tokens: 1_000_000, price: product }]))).toBe(3_750_000);
    expect(product).toEqual({ units: 375n, scale: 8 });
  });

  it("avoids the float error that tokens x price x 1e6 has", () => {
    // 6289 cache reads at $0.30/MTok: floats give 1886.6999999999998; the exact value is 1886.7 µ$.
    expect(6289 * 3e-7 * 1e6).not.toBe(1886.7);
    const exact = sumProducts([{ tokens: 6289, price: exactDecimal(3e-7) }]);
    expect(exact).toEqual({ units: 18867n, scale: 7 });
    expect(roundToMicros(exact)).toBe(1887);
  });

  it("sums terms of different scales at a common scale", () => {
    const total = sumProducts([
      { tokens: 6, price: exactDecimal(3e-6) },
      { tokens: 3337, price: exactDecimal(3.75e-6) },
    ]);
    // 18 µ$ + 12513.75 µ$ = 12531.75 µ$
    expect(total).toEqual({ units: 1253175n, scale: 8 });
  });

  it("rounds half up, once", () => {
    expect(roundToMicros({ units: 5n, scale: 7 })).toBe(1); // 0.5 µ$ → 1
    expect(roundToMicros({ units: 4n, scale: 7 })).toBe(0); // 0.4 µ$ → 0
    expect(roundToMicros({ units: 14999999n, scale: 13 })).toBe(1); // 1.4999999 µ$ → 1
    expect(roundToMicros({ units: 25n, scale: 7 })).toBe(3); // 2.5 µ$ → 3 (not banker's 2)
    expect(roundToMicros({ units: 12n, scale: 0 })).toBe(12_000_000);
  });
});
