import { type Command, InvalidArgumentError } from "commander";
import pc from "picocolors";
import { parsePointInTime, systemClock } from "../../core/index.js";
import { traceDetail, traceNotFound, traceSummaryJson } from "../../server/index.js";
import {
  rollupByAgent,
  spanTree,
  type TraceQuery,
  type TraceStatus,
  traceStatuses,
} from "../../store/index.js";
import { type GlobalOptions, openWorkspaceStore } from "../cli-context.js";
import { printJson, printTable } from "../output.js";
import { parseDuration } from "../parse-options.js";
import { streamedRow, traceRow, traceTableHeaders, waterfallLines } from "./traces-output.js";
import { tailTraces } from "./traces-tail.js";

interface FilterOptions {
  agent?: string;
  status?: TraceStatus;
  model?: string;
  session?: string;
  since?: number;
}

/** `--since`: a duration back from now (`30s`, `15m`, `1h`, `7d`, `2w`) or an ISO-8601 time. */
function parseSince(value: string): number {
  const time = parsePointInTime(value, systemClock.now());
  if (time === undefined) {
    throw new InvalidArgumentError(
      `expected a duration such as 15m, 1h or 7d, or an ISO time, got '${value}'`,
    );
  }
  return time;
}

function parseStatus(value: string): TraceStatus {
  if (!(traceStatuses as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected ${traceStatuses.join(" or ")}, got '${value}'`);
  }
  return value as TraceStatus;
}

function parseCount(maximum: number): (value: string) => number {
  return (value) => {
    const count = Number(value);
    if (!/^\d+$/.test(value) || count < 1 || count > maximum) {
      throw new InvalidArgumentError(`expected a whole number from 1 to ${maximum}, got '${value}'`);
    }
    return count;
  };
}

function withFilters(command: Command): Command {
  return command
    .option("--agent <name>", "only traces that entered through this agent")
    .option("--status <status>", "ok or error", parseStatus)
    .option("--model <name>", "only traces with a span of this model (the name after provider:)")
    .option("--session <id>", "only traces of this session");
}

function queryOf(options: FilterOptions): TraceQuery {
  return {
    agent: options.agent,
    status: options.status,
    model: options.model,
    sessionId: options.session,
    since: options.since,
  };
}

/** `gantry traces list|show|tail|prune`: the stored traces, read straight from the store. */
export function registerTracesCommand(program: Command): void {
  const traces = program.command("traces").description("list, inspect, follow and prune stored traces");

  withFilters(traces.command("list"))
    .description("the latest traces, newest first")
    .option("--since <when>", "started within a duration (15m, 1h, 7d) or since an ISO time", parseSince)
    .option("--limit <n>", "how many (1 to 500, default 20)", parseCount(500), 20)
    .option("--json", "print JSON: { traces, nextCursor } as GET /api/v1/traces answers")
    .action(async (options: FilterOptions & { limit: number; json?: boolean }, command: Command) => {
      const { store } = await openWorkspaceStore(command.optsWithGlobals<GlobalOptions>());
      try {
        const page = await store.traces.listTraces({ ...queryOf(options), limit: options.limit });
        if (options.json) {
          return printJson({ traces: page.items.map(traceSummaryJson), nextCursor: page.nextCursor });
        }
        printTable(traceTableHeaders, page.items.map(traceRow));
      } finally {
        await store.close();
      }
    });

  traces
    .command("show")
    .description("one trace as an indented waterfall: every span's duration, timing, cost and status")
    .argument("<traceId>", "the trace id, as `gantry traces list` shows it")
    .option("--json", "print JSON: { trace, spans, agents } as GET /api/v1/traces/:id answers")
    .action(async (traceId: string, options: { json?: boolean }, command: Command) => {
      const { store } = await openWorkspaceStore(command.optsWithGlobals<GlobalOptions>());
      try {
        if (options.json) return printJson(await traceDetail(store, traceId));
        const [summary, spans] = await Promise.all([
          store.traces.getTraceSummary(traceId),
          store.spans.getTrace(traceId),
        ]);
        if (summary === undefined) throw traceNotFound(traceId);
        for (const line of waterfallLines(summary, spanTree(spans), rollupByAgent(spans))) console.log(line);
      } finally {
        await store.close();
      }
    });

  withFilters(traces.command("tail"))
    .description("print new traces as they complete, until Ctrl-C")
    .option("--backlog <n>", "latest traces to print first (default 10)", parseCount(200), 10)
    .option("--interval <ms>", "poll interval in milliseconds (default 1000)", parseCount(60_000), 1000)
    .action(async (options: FilterOptions & { backlog: number; interval: number }, command: Command) => {
      const { store } = await openWorkspaceStore(command.optsWithGlobals<GlobalOptions>());
      const stop = new AbortController();
      const onInterrupt = () => stop.abort();
      process.once("SIGINT", onInterrupt);
      process.once("SIGTERM", onInterrupt);
      try {
        console.log(pc.dim(`following traces every ${options.interval} ms; Ctrl-C stops`));
        console.log(pc.bold(streamedRow(traceTableHeaders)));
        await tailTraces({
          store,
          query: queryOf(options),
          backlog: options.backlog,
          intervalMs: options.interval,
          now: () => systemClock.now(),
          signal: stop.signal,
          print: (trace) => console.log(streamedRow(traceRow(trace))),
        });
      } finally {
        process.off("SIGINT", onInterrupt);
        process.off("SIGTERM", onInterrupt);
        await store.close();
      }
    });

  traces
    .command("prune")
    .description("retention: delete whole traces (spans and summaries) that ended before a cutoff")
    .requiredOption("--older-than <duration>", "age such as 90m, 12h or 30d", parseDuration)
    .option("--json", "print JSON")
    .action(async (options: { olderThan: number; json?: boolean }, command: Command) => {
      const { store } = await openWorkspaceStore(command.optsWithGlobals<GlobalOptions>());
      try {
        const cutoff = systemClock.now() - options.olderThan;
        const removed = await store.traces.deleteOlderThan(cutoff);
        if (options.json) return printJson({ ...removed, cutoff: new Date(cutoff).toISOString() });
        console.log(
          `deleted ${removed.traces} traces (${removed.spans} spans) that ended before ${new Date(cutoff).toISOString()}`,
        );
      } finally {
        await store.close();
      }
    });
}
