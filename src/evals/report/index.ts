// Reports of an eval run: the terminal table, JSON and JUnit XML.

export { type CaseRow, caseRows } from "./case-rows.js";
export { comparisonLines } from "./comparison-lines.js";
export { escapeXml } from "./escape-xml.js";
export { formatInterval, formatMs, formatPercent, formatUsd } from "./format-values.js";
export { jsonReport } from "./json-report.js";
export { junitReport } from "./junit-report.js";
export type { EvalReportInput } from "./report-input.js";
export { terminalReport } from "./terminal-report.js";
