import pc from "picocolors";
import type { RunDetailJson, RunSummaryJson } from "../../server/index.js";
import { formatCost } from "./models-call-output.js";
import { plural, preview, resumeCommand, tripText } from "./run-output.js";
import { formatTime } from "./traces-output.js";

// How `gantry runs` draws stored runs: one table row per run, and one run as a short report of its
// state (messages, tool calls with their status, pause, stop reason, cost, trace).

/** Column headers of the runs table. */
export const runTableHeaders = ["started (UTC)", "run", "agent", "status", "steps", "tools", "cost", "trace"];

const statusColour: Record<string, (text: string) => string> = {
  completed: pc.green,
  paused: pc.yellow,
  running: pc.cyan,
  queued: pc.dim,
  failed: pc.red,
  cancelled: pc.red,
};

/** One row of the runs table. */
export function runRow(run: RunSummaryJson): string[] {
  return [
    formatTime(Date.parse(run.createdAt)),
    run.runId,
    run.agent,
    run.status,
    String(run.steps),
    String(run.toolCalls),
    formatCost(run.costMicros),
    run.traceId ?? "-",
  ];
}

// `started` without a result: the call was entered and never recorded (a crash); a resume re-enters it.
const toolStatusColour: Record<string, (text: string) => string> = {
  started: pc.cyan,
  completed: pc.green,
  failed: pc.red,
};

function toolCallLines(detail: RunDetailJson): string[] {
  const calls = detail.state?.toolCalls ?? [];
  if (calls.length === 0) return [];
  const lines = ["", pc.bold("tool calls")];
  for (const call of calls) {
    const status = (toolStatusColour[call.status] ?? String)(call.status);
    const attempts = call.attempts > 1 ? pc.dim(` (${call.attempts} attempts)`) : "";
    const result =
      call.error !== null
        ? pc.red(`${call.error.code}: ${call.error.message}`)
        : call.status === "completed"
          ? preview(call.output, 100)
          : pc.dim("no result recorded");
    lines.push(
      `  step ${call.step}  ${pc.bold(call.toolName)} ${status}${attempts}  ${preview(call.input, 80)} → ${result}`,
    );
  }
  return lines;
}

/** `gantry runs show`: the run as lines. */
export function runDetailLines(detail: RunDetailJson): string[] {
  const { run, state } = detail;
  const label = (name: string) => pc.dim(name.padEnd(9));
  const colour = statusColour[run.status] ?? String;
  const lines = [
    `${pc.bold(run.runId)}  ${run.agent}${run.agentVersion ? `@${run.agentVersion}` : ""}  ${colour(run.status)}`,
    [
      `started ${formatTime(Date.parse(run.createdAt))}`,
      `updated ${formatTime(Date.parse(run.updatedAt))}`,
      ...(run.sessionId === null ? [] : [`session ${run.sessionId}`]),
      ...(run.parentRunId === null ? [] : [`parent ${run.parentRunId}`]),
    ].join(" · "),
    "",
    `${label("input")} ${preview(run.input, 200)}`,
  ];
  if (run.output !== null) lines.push(`${label("output")} ${preview(run.output, 200)}`);
  if (run.stopReason !== null) lines.push(`${label("stop")} ${run.stopReason}`);
  if (run.pause !== null) {
    lines.push(`${label("paused")} ${pc.yellow(`${run.pause.reason}: ${run.pause.message}`)}`);
  }
  if (run.error !== null) {
    lines.push(`${label("error")} ${pc.red(run.error.code)} ${run.error.message}`);
    if (run.error.hint) lines.push(`${label("hint")} ${run.error.hint}`);
  }
  const counts = [formatCost(run.costMicros), plural(run.steps, "step"), plural(run.toolCalls, "tool call")];
  if (state !== null) {
    counts.push(plural(state.messages, "message"), `${state.inputTokens}/${state.outputTokens} tokens`);
    if (state.unpricedCalls > 0)
      counts.push(`${plural(state.unpricedCalls, "unpriced call")} (cost unknown)`);
  }
  lines.push(`${label("cost")} ${counts.join(" · ")}`);
  if (state?.model)
    lines.push(`${label("model")} ${state.model}${state.toolsDisabled ? pc.dim(" (tools disabled)") : ""}`);
  lines.push(...toolCallLines(detail));
  if (state !== null && state.trips.length > 0) {
    lines.push("", pc.bold("breaker trips"));
    for (const trip of state.trips) lines.push(`  ${pc.yellow(tripText(trip))}`);
  }
  lines.push("");
  if (run.traceId !== null) lines.push(`${label("trace")} gantry traces show ${run.traceId}`);
  if (run.resumable) lines.push(`${label("resume")} ${pc.cyan(resumeCommand(run.runId))}`);
  return lines;
}
