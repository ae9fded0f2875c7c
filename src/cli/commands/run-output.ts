import pc from "picocolors";
import type { JsonValue } from "../../core/index.js";
import type { BreakerTrip } from "../../guard/index.js";
import type { RunEvent, RunResult } from "../../runtime/index.js";
import { formatCost } from "./models-call-output.js";

// How `gantry run` draws a run in a terminal: its events as they happen (--stream) and a summary once
// it stops. Text deltas go out as they come; tool calls, trips and pauses get a line of their own.

const previewWidth = 160;

/** JSON on one line, cut to `width` characters; strings as they are. */
export function preview(value: JsonValue | null | undefined, width = previewWidth): string {
  const text = typeof value === "string" ? value : JSON.stringify(value ?? null);
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** `2 steps`, `1 tool call`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** `repeated-tool-call → stop-tools-and-summarize: <message>`. */
export function tripText(trip: Pick<BreakerTrip, "reason" | "degradation" | "message">): string {
  return `${trip.reason} → ${trip.degradation}: ${trip.message}`;
}

/** The command that continues a run. */
export function resumeCommand(runId: string): string {
  return `gantry run --resume ${runId}`;
}

/** Prints a run's events as they arrive; `write` receives raw text (no newline added). */
export interface RunEventPrinter {
  print(event: RunEvent): void;
  /** Whether any text delta was written (the summary then leaves a text output out). */
  readonly wroteText: boolean;
  /** Ends a line of text still open. */
  finish(): void;
}

/** A printer for `gantry run --stream`. */
export function createRunEventPrinter(write: (text: string) => void): RunEventPrinter {
  let midLine = false;
  let wroteText = false;
  const line = (text: string) => {
    if (midLine) write("\n");
    midLine = false;
    write(`${text}\n`);
  };
  return {
    get wroteText() {
      return wroteText;
    },
    finish() {
      if (midLine) write("\n");
      midLine = false;
    },
    print(event) {
      switch (event.type) {
        case "run-start":
          // The id first: with it, a run whose process dies can still be resumed.
          line(
            pc.dim(
              event.resumed
                ? `resuming ${event.runId} (${event.agent}) from its last checkpoint`
                : `${event.runId} · ${event.agent}`,
            ),
          );
          return;
        case "text-delta":
          if (event.delta === "") return;
          write(event.delta);
          wroteText = true;
          midLine = !event.delta.endsWith("\n");
          return;
        case "tool-call-start":
          line(`${pc.cyan("→")} ${pc.bold(event.toolName)} ${pc.dim(preview(event.input))}`);
          return;
        case "tool-call-end": {
          const replayed = event.replayed ? pc.dim(" (from the checkpoint; not run again)") : "";
          if (event.error !== undefined) {
            line(
              `${pc.red("←")} ${pc.bold(event.toolName)} ${pc.red(`failed: ${event.error.code}`)} ${event.error.message}${replayed}`,
            );
          } else {
            line(`${pc.green("←")} ${pc.bold(event.toolName)} ${preview(event.output)}${replayed}`);
          }
          return;
        }
        case "breaker-trip":
          line(pc.yellow(`⚡ breaker tripped: ${tripText(event.trip)}`));
          return;
        case "run-pause":
          line(pc.yellow(`⏸ paused (${event.reason}): ${event.message}`));
          return;
        default:
          // Steps, budget reservations and the finish are in the summary; `end` closes the stream.
          return;
      }
    },
  };
}

const statusMark: Record<string, string> = {
  completed: pc.green("✔ completed"),
  paused: pc.yellow("⏸ paused"),
  failed: pc.red("✖ failed"),
  cancelled: pc.red("✖ cancelled"),
};

function outputText(output: JsonValue): string {
  return typeof output === "string" ? output : JSON.stringify(output, null, 2);
}

/** The lines after a run: status, output, cost and counts, pause or error, trips, trace and the next command. */
export function runSummaryLines(result: RunResult, options: { textShown: boolean }): string[] {
  const label = (name: string) => pc.dim(name.padEnd(8));
  const lines = [`${statusMark[result.status] ?? result.status}  ${pc.bold(result.agent)}  ${result.runId}`];
  const textAlreadyShown = options.textShown && typeof result.output === "string";
  if (result.output !== null && !textAlreadyShown) {
    const [first = "", ...rest] = outputText(result.output).split("\n");
    lines.push(`${label("output")} ${first}`, ...rest.map((text) => `${" ".repeat(9)}${text}`));
  }
  lines.push(
    `${label("cost")} ${[
      formatCost(result.costMicros),
      plural(result.steps, "step"),
      plural(result.toolCalls, "tool call"),
      ...(result.stopReason === undefined ? [] : [`stop: ${result.stopReason}`]),
    ].join(" · ")}`,
  );
  for (const trip of result.trips) lines.push(`${label("breaker")} ${pc.yellow(tripText(trip))}`);
  if (result.pause !== undefined) {
    lines.push(`${label("why")} ${result.pause.reason}: ${result.pause.message}`);
  }
  if (result.error !== undefined) {
    lines.push(`${label("error")} ${pc.red(result.error.code)} ${result.error.message}`);
    if (result.error.hint) lines.push(`${label("hint")} ${result.error.hint}`);
  }
  if (result.traceId !== undefined) lines.push(`${label("trace")} ${result.traceId}`);
  if (result.status === "paused") {
    lines.push(`${label("resume")} ${pc.cyan(resumeCommand(result.runId))}  ${pc.dim(resumeAdvice(result))}`);
  }
  lines.push(`${label("details")} gantry runs show ${result.runId}`);
  return lines;
}

// What has to change before a resume can get further.
function resumeAdvice(result: RunResult): string {
  switch (result.pause?.reason) {
    case "budget":
      return "(after raising the budget in gantry.config.ts)";
    case "ledger-unavailable":
      return "(once the store is reachable again)";
    case "approval":
      return "(once the tool call is approved)";
    default:
      return "";
  }
}

/** Exit code of `gantry run`: 0 completed, 3 paused (resumable), 1 failed or cancelled. */
export function exitCodeForRun(result: Pick<RunResult, "status">): number {
  if (result.status === "completed") return 0;
  if (result.status === "paused") return 3;
  return 1;
}
