import type { BadgeTone } from "../components/badge-tone.js";

// How eval numbers and verdicts read in the dashboard: pass rates as percentages with their 95%
// interval, score values to two decimals, the gate's exit codes in words, and a case's verdict.

/** A share as a percentage: one decimal below 10% and above 90%, where the difference matters. */
export function formatPercent(share: number): string {
  if (!Number.isFinite(share)) return "—";
  const percent = share * 100;
  const text =
    percent > 0 && percent < 10
      ? percent.toFixed(1)
      : percent > 90 && percent < 100
        ? percent.toFixed(1)
        : percent.toFixed(0);
  return `${text.replace(/\.0$/, "")}%`;
}

/** A 95% interval as "9.5–90.5%". */
export function formatInterval(interval: readonly [number, number]): string {
  return `${formatPercent(interval[0]).replace(/%$/, "")}–${formatPercent(interval[1])}`;
}

/** A signed change of a share in percentage points: "+12.5 pp", "−3 pp", "0 pp". */
export function formatPointChange(delta: number): string {
  const points = Math.round(delta * 1000) / 10;
  if (points === 0) return "0 pp";
  return `${points > 0 ? "+" : "−"}${Math.abs(points).toString()} pp`;
}

/** A score in 0..1 to two decimals. */
export function formatScore(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : "—";
}

/** A p-value readably: "0.031", "< 0.001", "1". */
export function formatPValue(value: number): string {
  if (!Number.isFinite(value)) return "—";
  if (value < 0.001) return "< 0.001";
  if (value >= 0.9995) return "1";
  return value.toFixed(3).replace(/0+$/, "");
}

/** What a gate exit code means, and its colour. */
export function gateVerdictLabel(exitCode: number): { label: string; tone: BadgeTone } {
  switch (exitCode) {
    case 0:
      return { label: "passed", tone: "good" };
    case 100:
      return { label: "failed cases", tone: "danger" };
    case 2:
      return { label: "regression", tone: "danger" };
    case 3:
      return { label: "inconclusive", tone: "warning" };
    default:
      return { label: "error", tone: "danger" };
  }
}

/** The colour of a run's status. */
export function evalRunStatusTone(status: string): BadgeTone {
  if (status === "completed") return "good";
  if (status === "failed") return "danger";
  if (status === "running") return "accent";
  return "neutral";
}

/** The colour of a case's standing or majority verdict. */
export function caseTone(verdict: string): BadgeTone {
  if (verdict === "pass" || verdict === "passed") return "good";
  if (verdict === "fail" || verdict === "failed") return "danger";
  return "warning";
}

/** What a suite's target names: "agent triage", "prompt triage@production", "model sim:default". */
export function targetText(
  target: {
    kind: string;
    agent?: string;
    prompt?: string;
    label?: string;
    version?: string;
    model?: string;
  } | null,
): string {
  if (target === null) return "—";
  if (target.kind === "agent") return `agent ${target.agent ?? "?"}`;
  if (target.kind === "prompt") {
    const at = target.version ?? target.label;
    return `prompt ${target.prompt ?? "?"}${at ? `@${at}` : ""}`;
  }
  return `model ${target.model ?? "?"}`;
}

/**
 * The "Expected" field of Add to dataset: empty is no expectation; otherwise JSON (`{"category":
 * "refund"}`, `"text"`, `42`). Text that is not JSON is refused with the parser's reason rather than
 * guessed at, so `refund` does not silently become a string where an object was meant.
 */
export function parseExpectedJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; problem: string } {
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: `not JSON (${reason}); put text in double quotes: "refund"` };
  }
}
