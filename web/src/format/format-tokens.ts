/** An integer with thousands separators, independent of the browser's locale: 12345 → "12,345". */
export function formatInteger(value: number): string {
  if (!Number.isFinite(value)) return "—";
  const rounded = Math.round(value);
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return rounded < 0 ? `-${digits}` : digits;
}

function compact(value: number, divisor: number, suffix: string): string {
  const scaled = value / divisor;
  const text = scaled < 100 ? scaled.toFixed(1).replace(/\.0$/, "") : String(Math.round(scaled));
  return `${text}${suffix}`;
}

/** A token count short enough for a dense table: "842", "1.2k", "12.3k", "240k", "1.5M". */
export function formatTokenCount(value: number): string {
  if (!Number.isFinite(value) || value < 0) return "—";
  if (value < 1000) return String(Math.round(value));
  // 999,950 would round to "1000k"; switch to millions before that happens.
  if (value < 999_500) return compact(value, 1000, "k");
  return compact(value, 1_000_000, "M");
}
