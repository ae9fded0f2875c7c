const microsPerDollar = 1_000_000;

/** The tooltip of an unknown cost: an unpriced model's cost is unknown, never $0. */
export const unknownCostTooltip = "cost unknown: unpriced model";

/** Groups an integer's digits by thousands with commas, independent of the browser's locale. */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** `micros` as dollars with exactly `decimals` places (0..6), rounded half up, using integer arithmetic. */
function dollarsWithDecimals(micros: number, decimals: number): string {
  const unit = 10 ** (6 - decimals);
  // Half up with an integer addition first: Math.round(17555 / 100) would see 175.54999… and round down.
  const scaled = Math.floor((micros + unit / 2) / unit);
  const perDollar = microsPerDollar / unit;
  const whole = Math.floor(scaled / perDollar);
  const fraction = scaled % perDollar;
  const wholeText = groupThousands(String(whole));
  return decimals === 0 ? wholeText : `${wholeText}.${String(fraction).padStart(decimals, "0")}`;
}

/**
 * Integer micro-USD as dollars, precise enough to compare LLM calls: `$12.35`, `$0.0123`, `$0.000412`,
 * `$0.001200`.
 * Null (unknown: an unpriced model) is `—`, never `$0`.
 */
export function formatCost(micros: number | null): string {
  if (micros === null || !Number.isFinite(micros)) return "—";
  const sign = micros < 0 ? "-" : "";
  const amount = Math.round(Math.abs(micros));
  if (amount === 0) return "$0.00";
  if (amount >= microsPerDollar) return `${sign}$${dollarsWithDecimals(amount, 2)}`;
  if (amount >= 10_000) return `${sign}$${dollarsWithDecimals(amount, 4)}`;
  // Below a cent every micro-dollar is shown, always six places so a column of small costs lines up.
  return `${sign}$${dollarsWithDecimals(amount, 6)}`;
}

/** Hover text for a cost: the exact amount in dollars and micro-USD, or why it is unknown. */
export function costTooltip(micros: number | null): string {
  if (micros === null || !Number.isFinite(micros)) return unknownCostTooltip;
  const sign = micros < 0 ? "-" : "";
  const amount = Math.round(Math.abs(micros));
  return `${sign}$${dollarsWithDecimals(amount, 6)} (${sign}${groupThousands(String(amount))} micro-USD)`;
}
