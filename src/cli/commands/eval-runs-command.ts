import type { Command } from "commander";
import pc from "picocolors";
import { GantryError } from "../../core/index.js";
import {
  compareRuns,
  comparisonLines,
  type EvalSummary,
  fromStoredResult,
  jsonReport,
  summarizeTrials,
  terminalReport,
} from "../../evals/index.js";
import type { Store, StoredEvalRun } from "../../store/index.js";
import { type GlobalOptions, openWorkspaceStore } from "../cli-context.js";
import { printJson, printTable } from "../output.js";
import { parseCount, subcommandOptions } from "./eval-options.js";
import { evalRunHeaders, evalRunRow } from "./eval-output.js";

async function withStore<T>(command: Command, body: (store: Store) => Promise<T>): Promise<T> {
  const { store } = await openWorkspaceStore(command.optsWithGlobals<GlobalOptions>());
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}

async function requireRun(store: Store, runId: string): Promise<StoredEvalRun> {
  const run = await store.evals.getRun(runId);
  if (run) return run;
  throw new GantryError({
    code: "EVAL_RUN_NOT_FOUND",
    message: `There is no eval run ${runId}`,
    domain: "EVAL",
    category: "USER",
    details: { runId },
    hint: "List eval runs with `gantry eval runs`.",
  });
}

/** A stored run with its trials, and its summary (recomputed when the run did not finish). */
async function runWithResults(store: Store, runId: string) {
  const run = await requireRun(store, runId);
  const results = (await store.evals.listResults(run.id)).map(fromStoredResult);
  const summary = (run.summary as EvalSummary | null) ?? summarizeTrials(results, 0);
  return { run, results, summary };
}

function registerList(evals: Command): void {
  evals
    .command("runs")
    .description("eval runs, newest first")
    .option("--suite <name>", "only runs of this suite")
    .option("--label <name>", "only runs with this label")
    .option("--limit <n>", "how many (default 20)", parseCount, 20)
    .option("--json", "print the stored runs as JSON")
    .action(async (_options: unknown, command: Command) => {
      const options = subcommandOptions<{ suite?: string; label?: string; limit: number; json?: boolean }>(
        command,
      );
      await withStore(command, async (store) => {
        const runs = await store.evals.listRuns({
          ...(options.suite ? { suite: options.suite } : {}),
          ...(options.label ? { label: options.label } : {}),
          limit: Math.min(options.limit, 500),
        });
        if (options.json) return printJson(runs);
        printTable(evalRunHeaders, runs.map(evalRunRow));
      });
    });
}

function registerShow(evals: Command): void {
  evals
    .command("show")
    .description(
      "one eval run: every case, scores, cost, latency, failures, totals, and its baseline comparison",
    )
    .argument("<runId>", "the run (evr_…)")
    .option("--json", "print the run, summary, results and comparison as JSON")
    .action(async (runId: string, _options: unknown, command: Command) => {
      const options = subcommandOptions<{ json?: boolean }>(command);
      await withStore(command, async (store) => {
        const shown = await runWithResults(store, runId);
        const comparison = shown.run.baselineRunId
          ? compareRuns(
              {
                id: shown.run.baselineRunId,
                results: await store.evals.listResults(shown.run.baselineRunId),
              },
              { id: shown.run.id, results: shown.results },
            )
          : undefined;
        const report = { ...shown, ...(comparison ? { comparison } : {}) };
        if (options.json) return printJson(jsonReport(report));
        for (const line of terminalReport(report, { color: pc.isColorSupported })) console.log(line);
      });
    });
}

function registerCompare(evals: Command): void {
  evals
    .command("compare")
    .description("compare a run with a baseline run: flips, McNemar p-value, noise floor")
    .argument("<baselineRunId>", "the run to compare against")
    .argument("<runId>", "the run to judge")
    .option("--json", "print the comparison as JSON")
    .addHelpText(
      "after",
      `
Each case's verdict is the majority of its trials. The p-value is the exact two-sided McNemar test
over the cases that flipped; the noise floor is 1.96 × the pooled standard error of the two trial
pass rates. A significant regression is a drop beyond the noise floor with p < 0.05.`,
    )
    .action(async (baselineRunId: string, runId: string, _options: unknown, command: Command) => {
      const options = subcommandOptions<{ json?: boolean }>(command);
      await withStore(command, async (store) => {
        const baseline = await requireRun(store, baselineRunId);
        const current = await requireRun(store, runId);
        const comparison = compareRuns(
          { id: baseline.id, results: await store.evals.listResults(baseline.id) },
          { id: current.id, results: await store.evals.listResults(current.id) },
        );
        if (options.json) return printJson(comparison);
        if (baseline.suite !== current.suite) {
          console.error(
            pc.yellow(`warning: comparing runs of two suites (${baseline.suite}, ${current.suite})`),
          );
        }
        for (const line of comparisonLines(comparison, { color: pc.isColorSupported })) console.log(line);
      });
    });
}

/** `gantry eval runs|show|compare`. */
export function registerEvalRuns(evals: Command): void {
  registerList(evals);
  registerShow(evals);
  registerCompare(evals);
}
