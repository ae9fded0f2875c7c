import pc from "picocolors";
import { textTable } from "../../core/index.js";
import { caseRows } from "./case-rows.js";
import { comparisonLines } from "./comparison-lines.js";
import { formatInterval, formatMs, formatPercent, formatUsd } from "./format-values.js";
import type { EvalReportInput } from "./report-input.js";

const maxReasonLength = 80;

// Control characters in a model's answer or a reason must not drive the terminal (escape sequences).
function shorten(text: string, length: number): string {
  let visible = "";
  for (const character of text) {
    const code = character.codePointAt(0)!;
    visible += code < 0x20 || (code >= 0x7f && code <= 0x9f) ? " " : character;
  }
  const single = visible.replace(/\s+/g, " ").trim();
  return single.length > length ? `${single.slice(0, length - 1)}…` : single;
}

/**
 * A run as a terminal shows it: one row per case (trials passed, mean scores, cost, median latency,
 * why the first failing trial failed), then totals with their 95% intervals, the comparison with
 * the baseline and its flips, and the gate verdict. `color: false` for plain text.
 */
export function terminalReport(input: EvalReportInput, options: { color?: boolean } = {}): string[] {
  const c = pc.createColors(options.color ?? false);
  const { run, summary, comparison, verdict } = input;
  const rows = caseRows(input.results);
  const marks = { passed: "✔", failed: "✖", inconclusive: "?" } as const;
  const paint = { passed: c.green, failed: c.red, inconclusive: c.yellow };
  const lines: string[] = [
    c.bold(`eval ${run.suite}`) +
      c.dim(
        ` run ${run.id} · dataset ${run.datasetName}@${run.datasetHash.slice(0, 12)}${run.label ? ` · label ${run.label}` : ""}`,
      ),
    "",
  ];
  const body = textTable(
    [" ", "case", "trials", "scores", "cost", "latency", "first failure"],
    rows.map((row) => [
      marks[row.standing],
      row.caseId,
      `${row.passed}/${row.trials}${row.inconclusive > 0 ? ` (${row.inconclusive} inconclusive)` : ""}`,
      Object.entries(row.scores)
        .map(([key, value]) => `${key} ${value.toFixed(2)}`)
        .join(" "),
      formatUsd(row.costMicros),
      formatMs(row.latencyMs),
      row.firstFailure ? shorten(row.firstFailure, maxReasonLength) : "",
    ]),
  );
  lines.push(c.bold(body[0]!));
  // The mark is one character wide, so it is coloured after the columns are aligned.
  body.slice(1).forEach((line, index) => {
    lines.push(paint[rows[index]!.standing](line.slice(0, 1)) + line.slice(1));
  });
  lines.push("");
  const rate = summary.passRate;
  lines.push(
    `${c.bold("cases")}      ${summary.passedCases} passed, ${summary.failedCases} failed, ${summary.inconclusiveCases} inconclusive (${summary.cases} cases, ${summary.trials} trials)`,
    `${c.bold("pass rate")}  ${formatPercent(rate.mean)} of ${rate.n} decided trials, 95% interval ${formatInterval(rate.ci95, true)}`,
  );
  for (const [key, estimate] of Object.entries(summary.scores)) {
    lines.push(
      `${c.bold("score")}      ${key} mean ${estimate.mean.toFixed(3)}, variance ${estimate.variance.toFixed(3)} (n ${estimate.n}), 95% interval ${formatInterval(estimate.ci95)}`,
    );
  }
  lines.push(
    `${c.bold("cost")}       ${formatUsd(summary.costMicros)} (judges ${formatUsd(summary.judgeCostMicros)})`,
    `${c.bold("latency")}    p50 ${formatMs(summary.latencyMs.p50)}, p95 ${formatMs(summary.latencyMs.p95)}; wall ${formatMs(summary.wallMs)}`,
  );
  if (comparison) lines.push("", ...comparisonLines(comparison, options));
  if (verdict) {
    lines.push("", `${c.bold("gate")}       exit ${verdict.exitCode}`);
    for (const reason of verdict.reasons) lines.push(`  ${reason}`);
  }
  return lines;
}
