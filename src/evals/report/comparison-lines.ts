import pc from "picocolors";
import type { RunComparison } from "../eval-spec.js";
import { formatPercent } from "./format-values.js";

/** A comparison with its baseline as terminal lines: the delta against the noise floor, the test, each flip. */
export function comparisonLines(comparison: RunComparison, options: { color?: boolean } = {}): string[] {
  const c = pc.createColors(options.color ?? false);
  const delta = `${comparison.passRateDelta >= 0 ? "+" : ""}${formatPercent(comparison.passRateDelta)}`;
  const lines = [
    `${c.bold("baseline")}   run ${comparison.baselineRunId}: pass rate ${delta} (noise floor ±${formatPercent(comparison.noiseFloor)}), ` +
      `${comparison.regressions} regressed, ${comparison.improvements} improved, McNemar p = ${comparison.pValue.toPrecision(3)}` +
      (comparison.significantRegression ? c.red(" — significant regression") : ""),
  ];
  for (const flip of comparison.flips) {
    const worse = flip.baseline === "pass" && flip.current === "fail";
    const mark = worse ? c.red("▼") : flip.current === "pass" ? c.green("▲") : c.yellow("•");
    lines.push(`  ${mark} ${flip.caseId}  ${flip.baseline} → ${flip.current}`);
  }
  if (comparison.flips.length === 0) lines.push(c.dim("  no case changed its verdict"));
  return lines;
}
