import { caseRows } from "./case-rows.js";
import { escapeXml } from "./escape-xml.js";
import { formatPercent } from "./format-values.js";
import type { EvalReportInput } from "./report-input.js";

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}="${escapeXml(String(value))}"`)
    .join(" ");
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/**
 * JUnit XML for CI test views: one `<testsuite>` per eval run, one `<testcase>` per case. A case
 * with a decided failing trial is a `<failure>` (message: the first reason; body: every reason); a
 * case that could not be decided is `<skipped>` (inconclusive is neither a pass nor a failure).
 */
export function junitReport(input: EvalReportInput): string {
  const { run, summary, verdict } = input;
  const rows = caseRows(input.results);
  const failures = rows.filter((row) => row.standing === "failed").length;
  const skipped = rows.filter((row) => row.standing === "inconclusive").length;
  const totalMs = rows.reduce((sum, row) => sum + row.totalLatencyMs, 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attributes({ name: `gantry eval ${run.suite}`, tests: rows.length, failures, errors: 0, skipped, time: seconds(summary.wallMs) })}>`,
    `  <testsuite ${attributes({ name: run.suite, id: run.id, tests: rows.length, failures, errors: 0, skipped, time: seconds(totalMs), timestamp: run.createdAt })}>`,
    "    <properties>",
    ...Object.entries({
      "gantry.eval.run_id": run.id,
      "gantry.eval.dataset": `${run.datasetName}@${run.datasetHash}`,
      "gantry.eval.pass_rate": formatPercent(summary.passRate.mean),
      "gantry.eval.cost_micros": summary.costMicros,
      ...(verdict ? { "gantry.eval.gate_exit_code": verdict.exitCode } : {}),
    }).map(([name, value]) => `      <property ${attributes({ name, value })}/>`),
    "    </properties>",
  ];
  for (const row of rows) {
    const head = `    <testcase ${attributes({ name: row.caseId, classname: `eval.${run.suite}`, time: seconds(row.totalLatencyMs) })}`;
    if (row.standing === "passed") {
      lines.push(`${head}/>`);
      continue;
    }
    lines.push(`${head}>`);
    const summaryLine = `${row.passed} of ${row.trials} trials passed`;
    if (row.standing === "failed") {
      lines.push(
        `      <failure ${attributes({ message: row.firstFailure ?? summaryLine, type: "eval-failure" })}>${escapeXml(
          [summaryLine, ...row.failures].join("\n"),
        )}</failure>`,
      );
    } else {
      lines.push(
        `      <skipped ${attributes({ message: `inconclusive: ${row.firstFailure ?? summaryLine}` })}/>`,
      );
    }
    if (row.traceIds.length > 0)
      lines.push(`      <system-out>${escapeXml(`traces: ${row.traceIds.join(" ")}`)}</system-out>`);
    lines.push("    </testcase>");
  }
  lines.push("  </testsuite>", "</testsuites>", "");
  return lines.join("\n");
}
