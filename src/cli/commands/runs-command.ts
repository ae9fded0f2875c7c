import { type Command, InvalidArgumentError } from "commander";
import { parseRunListQuery, runDetail, runSummaryJson } from "../../server/index.js";
import { type RunStatus, runStatuses } from "../../store/index.js";
import { type GlobalOptions, openWorkspaceStore } from "../cli-context.js";
import { printJson, printTable } from "../output.js";
import { runDetailLines, runRow, runTableHeaders } from "./runs-output.js";

function parseStatus(value: string): RunStatus {
  if (!(runStatuses as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${runStatuses.join(", ")}, got '${value}'`);
  }
  return value as RunStatus;
}

function parseLimit(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1 || count > 200) {
    throw new InvalidArgumentError(`expected a whole number from 1 to 200, got '${value}'`);
  }
  return count;
}

interface ListOptions {
  agent?: string;
  status?: RunStatus;
  session?: string;
  limit: number;
  json?: boolean;
}

/** `gantry runs list|show`: stored agent runs, read straight from the store. */
export function registerRunsCommand(program: Command): void {
  const runs = program.command("runs").description("list and inspect agent runs (started, paused, finished)");

  runs
    .command("list")
    .description("the latest runs, newest first")
    .option("--agent <name>", "only runs of this agent")
    .option("--status <status>", `one of ${runStatuses.join(", ")}`, parseStatus)
    .option("--session <id>", "only runs of this session")
    .option("--limit <n>", "how many (1 to 200, default 20)", parseLimit, 20)
    .option("--json", "print JSON: { runs, nextCursor } as GET /api/v1/runs answers")
    .addHelpText(
      "after",
      `
Examples:
  gantry runs list
  gantry runs list --status paused        runs waiting for a resume
  gantry runs list --agent triage --limit 50 --json`,
    )
    .action(async (options: ListOptions, command: Command) => {
      const { store } = await openWorkspaceStore(command.optsWithGlobals<GlobalOptions>());
      try {
        // The same parsing as the HTTP route, so the CLI and the API filter identically.
        const query = parseRunListQuery({
          ...(options.agent === undefined ? {} : { agent: options.agent }),
          ...(options.status === undefined ? {} : { status: options.status }),
          ...(options.session === undefined ? {} : { sessionId: options.session }),
          limit: String(options.limit),
        });
        const page = await store.runs.list(query);
        const items = page.items.map(runSummaryJson);
        if (options.json) return printJson({ runs: items, nextCursor: page.nextCursor });
        printTable(runTableHeaders, items.map(runRow));
      } finally {
        await store.close();
      }
    });

  runs
    .command("show")
    .description("one run: input, output, tool calls with status, pause or stop reason, cost and trace")
    .argument("<runId>", "the run id, as `gantry run` and `gantry runs list` print it")
    .option("--json", "print JSON: { run, state, links } as GET /api/v1/runs/:id answers")
    .addHelpText(
      "after",
      `
Examples:
  gantry runs show run_01JD3…
  gantry runs show run_01JD3… --json | jq .state.toolCalls`,
    )
    .action(async (runId: string, options: { json?: boolean }, command: Command) => {
      const { store } = await openWorkspaceStore(command.optsWithGlobals<GlobalOptions>());
      try {
        const detail = await runDetail(store, runId);
        if (options.json) return printJson(detail);
        for (const line of runDetailLines(detail)) console.log(line);
      } finally {
        await store.close();
      }
    });
}
