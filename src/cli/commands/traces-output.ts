import pc from "picocolors";
import type { AgentRollup, SpanRecord, SpanTreeEntry, TraceSummary } from "../../store/index.js";
import { formatCost } from "./models-call-output.js";

// How `gantry traces` draws traces in a terminal: one table row per trace, and a trace as an indented
// waterfall (name, duration, a bar placed on the trace's time line, cost, status).

const barWidth = 24;
const nameWidth = 44;
const costSourceKey = "gantry.cost.source";

/** `2026-11-24 09:00:00` (UTC), as the other listings print times. */
export function formatTime(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 19).replace("T", " ");
}

/** `420ms`, `1.25s`, `2m03s`; `open` while nothing has ended. */
export function formatDuration(durationMs: number | null): string {
  if (durationMs === null) return "open";
  if (durationMs < 1000) return `${Math.round(durationMs)}ms`;
  if (durationMs < 60_000) return `${(durationMs / 1000).toFixed(2)}s`;
  const seconds = Math.round(durationMs / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
}

function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

const statusText = (status: string) => (status === "error" ? pc.red(status) : pc.green(status));

/** Column headers of the trace table. */
export const traceTableHeaders = [
  "time (UTC)",
  "trace",
  "root",
  "agent",
  "duration",
  "spans",
  "tokens in/out",
  "cost",
  "status",
];

/** One row of the trace table. */
export function traceRow(trace: TraceSummary): string[] {
  return [
    formatTime(trace.startTimeMs),
    trace.traceId,
    cut(trace.rootName, 40),
    trace.agent ?? "-",
    formatDuration(trace.durationMs),
    String(trace.spanCount),
    `${trace.inputTokens}/${trace.outputTokens}`,
    formatCost(trace.costMicros),
    trace.status,
  ];
}

// Column widths for output that streams (tail), where a table cannot measure its rows first.
const streamWidths = [19, 32, 32, 16, 8, 5, 13, 10, 0];

/** A trace-table row (or the headers) padded to fixed widths, for lines printed one at a time. */
export function streamedRow(cells: string[]): string {
  return cells
    .map((cell, column) => cut(cell, streamWidths[column] || cell.length).padEnd(streamWidths[column]!))
    .join("  ")
    .trimEnd();
}

// The span's slice of the trace's time line as a bar; an open span runs to the end, drawn light.
function bar(span: SpanRecord, traceStart: number, traceLength: number): string {
  const scale = barWidth / Math.max(traceLength, 1);
  const offset = Math.min(barWidth - 1, Math.floor((span.startTimeMs - traceStart) * scale));
  const end = span.endTimeMs ?? traceStart + traceLength;
  const length = Math.max(1, Math.min(barWidth - offset, Math.round((end - span.startTimeMs) * scale)));
  const fill = span.endTimeMs === null ? "░" : "█";
  const drawn = fill.repeat(length);
  const coloured = span.statusCode === "error" ? pc.red(drawn) : pc.cyan(drawn);
  return `${" ".repeat(offset)}${coloured}${" ".repeat(barWidth - offset - length)}`;
}

// Cost where a span spent money; `unknown` where it made a call nobody could price; blank otherwise.
function spanCost(span: SpanRecord): string {
  if (span.costMicros !== null) return formatCost(span.costMicros);
  return span.attributes[costSourceKey] === "unknown" ? "unknown" : "";
}

/** The trace as lines: a header, one waterfall line per span in tree order, and the per-agent rollup. */
export function waterfallLines(trace: TraceSummary, tree: SpanTreeEntry[], agents: AgentRollup[]): string[] {
  const length = (trace.endTimeMs ?? trace.startTimeMs) - trace.startTimeMs;
  const lines = [
    `${pc.bold(trace.rootName)}  ${pc.dim(trace.traceId)}`,
    [
      formatTime(trace.startTimeMs),
      formatDuration(trace.durationMs),
      `${trace.spanCount} spans`,
      `${trace.inputTokens}/${trace.outputTokens} tokens`,
      `cost ${formatCost(trace.costMicros)}`,
      statusText(trace.status) + (trace.errorMessage ? `: ${trace.errorMessage}` : ""),
    ].join(" · "),
    "",
  ];
  for (const { span, depth } of tree) {
    const name = cut(`${"  ".repeat(depth)}${span.name}`, nameWidth).padEnd(nameWidth);
    const duration = formatDuration(span.endTimeMs === null ? null : span.endTimeMs - span.startTimeMs);
    const status =
      span.statusCode === "error"
        ? pc.red(`error${span.statusMessage ? `: ${span.statusMessage}` : ""}`)
        : "";
    lines.push(
      [name, duration.padStart(8), bar(span, trace.startTimeMs, length), spanCost(span).padEnd(10), status]
        .join("  ")
        .trimEnd(),
    );
  }
  if (agents.length > 0) {
    lines.push("", pc.bold("per agent"));
    for (const rollup of agents) {
      lines.push(
        `  ${(rollup.agent ?? "(no agent)").padEnd(24)} ${String(rollup.spanCount).padStart(5)} spans  ` +
          `${`${rollup.inputTokens}/${rollup.outputTokens}`.padStart(14)} tokens  ${formatCost(rollup.costMicros)}`,
      );
    }
  }
  return lines;
}
