import type { BudgetWindow } from "../../core/index.js";

/**
 * The key of the window a moment falls in, in UTC: `total`, `day:2026-11-24` or `month:2026-11`.
 * UTC so every process (and every server time zone) agrees on when a day or month rolls over.
 */
export function budgetWindowKey(window: BudgetWindow, timeMs: number): string {
  if (window === "total") return "total";
  const iso = new Date(timeMs).toISOString();
  return window === "day" ? `day:${iso.slice(0, 10)}` : `month:${iso.slice(0, 7)}`;
}
