import { type Command, InvalidArgumentError } from "commander";
import pc from "picocolors";
import { GantryError, type JsonValue } from "../../core/index.js";
import { createModelAccess } from "../../models/index.js";
import { createWorkspaceRuntime, type RunHandle, type Runtime } from "../../runtime/index.js";
import { runResultJson } from "../../server/index.js";
import type { Store } from "../../store/index.js";
import { type GlobalOptions, openWorkspaceStore } from "../cli-context.js";
import { cliTelemetry } from "../cli-telemetry.js";
import { printJson } from "../output.js";
import { createRunEventPrinter, exitCodeForRun, resumeCommand, runSummaryLines } from "./run-output.js";

interface RunOptions {
  input?: JsonValue;
  session?: string;
  stream?: boolean;
  json?: boolean;
  resume?: string;
}

/** `--input`: text, or JSON when it starts with `{` or `[` (which must then parse). */
export function parseRunInput(value: string): JsonValue {
  const trimmed = value.trim();
  if (trimmed === "") throw new InvalidArgumentError("the input is empty");
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return value;
  try {
    return JSON.parse(trimmed) as JsonValue;
  } catch (error) {
    throw new InvalidArgumentError(
      `it starts like JSON but does not parse (${error instanceof Error ? error.message : String(error)}); ` +
        "fix the JSON, or quote the text differently",
    );
  }
}

function usageError(message: string, hint: string): GantryError {
  return new GantryError({ code: "RUN_USAGE_INVALID", message, domain: "CLI", category: "USER", hint });
}

function agentList(runtime: Runtime): string {
  return runtime.agents.length === 0
    ? "(none defined)"
    : runtime.agents.map((agent) => agent.name).join(", ");
}

// Starts or resumes the run the flags describe; every mistake in them is a user error (exit 2).
async function startRun(
  runtime: Runtime,
  store: Store,
  agent: string | undefined,
  options: RunOptions,
): Promise<RunHandle> {
  const stream = options.stream === true;
  if (options.resume !== undefined) {
    if (options.input !== undefined || options.session !== undefined) {
      throw usageError(
        "--resume continues a run with its own input and session",
        "Leave out --input and --session, or start a new run without --resume.",
      );
    }
    const record = await store.runs.get(options.resume);
    if (record !== undefined && agent !== undefined && record.agent !== agent) {
      throw usageError(
        `Run ${options.resume} belongs to agent "${record.agent}", not "${agent}"`,
        `Run \`${resumeCommand(options.resume)}\` (the agent can be left out).`,
      );
    }
    return runtime.resume(options.resume, { stream });
  }
  if (agent === undefined) {
    throw usageError(
      `Which agent? This workspace has: ${agentList(runtime)}`,
      'Run `gantry run <agent> --input "…"`, or `gantry run --resume <runId>` to continue a run.',
    );
  }
  if (options.input === undefined) {
    throw usageError(
      `--input is required to start a run of "${agent}"`,
      'Pass the first message, e.g. --input "Where is my order A-1?", or JSON such as --input \'{"orderId":"A-1"}\'.',
    );
  }
  // Throws AGENT_NOT_FOUND listing the agents there are.
  runtime.agent(agent);
  return runtime.start(agent, {
    input: options.input,
    ...(options.session === undefined ? {} : { sessionId: options.session }),
    stream,
  });
}

/** `gantry run <agent>`: one agent run in this process, printed as it goes, resumable when it pauses. */
export function registerRunCommand(program: Command): void {
  program
    .command("run")
    .description("run an agent of the workspace, or resume a paused or interrupted run")
    .argument("[agent]", "the agent's name, as gantry.config.ts defines it (optional with --resume)")
    .option("-i, --input <text|json>", "the input: text, or JSON when it starts with { or [", parseRunInput)
    .option("--session <id>", "the session the run belongs to (conversations, breaker history)")
    .option("--stream", "print text, tool calls and breaker trips as they happen")
    .option("--json", "print the RunResult as JSON (nothing else on stdout)")
    .option("--resume <runId>", "continue a paused or interrupted run from its last checkpoint")
    .addHelpText(
      "after",
      `
Examples:
  gantry run triage --input "Where is my order A-1?"
  gantry run triage --input "Refund order A-1" --stream
  gantry run triage --input '{"ticket": 1234, "text": "charged twice"}' --session s-42
  gantry run --resume run_01JD3…          continue a paused (or crashed) run
  gantry run triage --input "hi" --json    the RunResult, for scripts

Exit codes: 0 completed, 1 failed or cancelled, 3 paused (the reason and the resume command are
printed), 2 a mistake in the input (unknown agent, bad --input).
Ctrl-C stops waiting and leaves the run resumable from its last checkpoint.`,
    )
    .action(async (agent: string | undefined, options: RunOptions, command: Command) => {
      const { workspace, store } = await openWorkspaceStore(command.optsWithGlobals<GlobalOptions>());
      // Runs are traced into the store like the server's, so `gantry traces show <traceId>` finds them.
      const telemetry = cliTelemetry(workspace, store);
      let runId: string | undefined;
      // The state is checkpointed after every step, so an interrupted run is resumable as it stands.
      const onInterrupt = () => {
        console.error(
          pc.yellow(
            runId === undefined
              ? "\ninterrupted"
              : `\ninterrupted: ${runId} stays resumable from its last checkpoint with \`${resumeCommand(runId)}\``,
          ),
        );
        process.exit(130);
      };
      process.once("SIGINT", onInterrupt);
      try {
        const modelAccess = await createModelAccess({ workspace, store, env: process.env, telemetry });
        const runtime = await createWorkspaceRuntime({
          workspace,
          store,
          modelAccess,
          telemetry,
          onWarning: (message) => console.error(`warning: ${message}`),
        });
        const handle = await startRun(runtime, store, agent, options);
        runId = handle.runId;
        let textShown = false;
        if (options.stream && !options.json) {
          const printer = createRunEventPrinter((text) => process.stdout.write(text));
          for await (const event of handle.events) printer.print(event);
          printer.finish();
          textShown = printer.wroteText;
        }
        const result = await handle.result;
        if (options.json) printJson(runResultJson(result));
        else for (const line of runSummaryLines(result, { textShown })) console.log(line);
        process.exitCode = exitCodeForRun(result);
      } finally {
        process.off("SIGINT", onInterrupt);
        await telemetry.shutdown();
        await store.close();
      }
    });
}
