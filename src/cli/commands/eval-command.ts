import { type Command, Option } from "commander";
import { GantryError } from "../../core/index.js";
import { registerEvalAddFromTrace } from "./eval-add-from-trace-command.js";
import { registerEvalCalibrate } from "./eval-calibrate-command.js";
import { registerEvalExport } from "./eval-export-command.js";
import { registerEvalImportPromptfoo } from "./eval-import-command.js";
import { parseCount } from "./eval-options.js";
import { type EvalRunFlags, runSuiteCommand } from "./eval-run-action.js";
import { registerEvalRuns } from "./eval-runs-command.js";
import { registerEvalTiers } from "./eval-tiers-command.js";

// `gantry eval`: run a suite (and gate CI on it), list, show and compare runs, benchmark tiers,
// calibrate the judge, import promptfoo configs, turn a trace into a case, export a dataset.

const gateHelp = `
Examples:
  gantry eval triage                                 run evals/triage.yaml and print the table
  gantry eval triage --gate --baseline main          CI: fail on failed cases or a regression against main
  gantry eval triage --label main                    record this run as the baseline for later runs
  gantry eval triage --trials 5 --concurrency 16     5 trials per case: means with 95% intervals
  gantry eval triage --junit reports/evals.xml       JUnit XML for the CI's test view
  gantry eval triage --resume evr_01J…               finish a run that stopped (only missing trials run)
  gantry eval triage --model tier:small --json       the same suite on another model, as JSON

Exit codes with --gate:
  0    every threshold met, no regression
  100  failed cases beyond the thresholds (pass rate, a scorer's or a judge dimension's mean)
  2    a regression against the baseline (significant, or more flips than maxRegressions)
  3    inconclusive: a judge or provider could not answer, so a pass cannot be vouched for
  1    anything else went wrong (bad flags or files, the store, a scorer that crashed)
Without --gate: 0 when the run finished, 1 (2 for a mistake in the input) when it could not run.
A suite cannot be named like a subcommand (runs, show, compare, tiers, calibrate, import-promptfoo,
add-from-trace, export); name such a suite by its path (evals/runs.yaml).`;

/** Under --gate every failure that is not a verdict is exit 1, so 2 always means "regression". */
function asInternal(error: unknown): unknown {
  if (!GantryError.isInstance(error) || error.category !== "USER") return error;
  return new GantryError({
    code: error.code,
    message: error.message,
    domain: error.domain,
    category: "SYSTEM",
    details: error.details,
    cause: error,
    ...(error.hint ? { hint: error.hint } : {}),
  });
}

export function registerEvalCommand(program: Command): void {
  const evals = program
    .command("eval")
    .description("run eval suites and gate CI on them; compare runs, benchmark tiers, calibrate judges")
    .argument("[suite]", "the suite: a name (evals/<name>.yaml) or a path")
    .option(
      "--gate",
      "exit with the gate's code (0 pass, 100 failed cases, 2 regression, 3 inconclusive, 1 error)",
    )
    .option("--baseline <runId|label>", "compare with this run, or the newest completed run with this label")
    .option("--label <name>", "label this run (main, a git sha) so later runs can compare with it")
    .option("--trials <n>", "trials per case (default: the suite's, else 1)", parseCount)
    .option("--concurrency <n>", "trials in flight at once (default: the suite's, else 8)", parseCount)
    .addOption(
      new Option(
        "--cache",
        "answer repeated model calls from the response cache (default: the suite's cache)",
      ),
    )
    .option("--resume <runId>", "continue a run that stopped; trials it decided are kept")
    .option("--model <model>", "run the target on this model instead (provider:model or tier:<name>)")
    .option("--json", "print the run, summary, results, comparison and verdict as JSON")
    .option("--junit <file>", "also write a JUnit XML report to this file")
    .addHelpText("after", gateHelp);
  // Commander's usage errors exit 2, the code of a regression; under --gate they must be 1.
  const gating = () => (program as Command & { rawArgs?: string[] }).rawArgs?.includes("--gate") === true;
  evals
    .configureOutput({
      outputError: (text, write) => {
        if (!gating()) write(text);
      },
    })
    .exitOverride((error) => {
      if (error.exitCode === 0 || !gating()) throw error;
      throw new GantryError({
        code: "EVAL_USAGE_INVALID",
        message: error.message.replace(/^error: /, ""),
        domain: "CLI",
        category: "SYSTEM",
        hint: "Under --gate anything that is not a verdict exits 1; see `gantry eval --help`.",
      });
    });
  evals.action(async (suite: string | undefined, flags: EvalRunFlags, command: Command) => {
    if (suite === undefined) {
      const error = new GantryError({
        code: "EVAL_USAGE_INVALID",
        message: "Which suite? Name one (evals/<name>.yaml) or give its path",
        domain: "CLI",
        category: "USER",
        hint: "Run `gantry eval <suite>`, e.g. `gantry eval triage --gate`; `gantry eval --help` lists the subcommands.",
      });
      throw flags.gate ? asInternal(error) : error;
    }
    try {
      await runSuiteCommand(suite, flags, command);
    } catch (error) {
      throw flags.gate ? asInternal(error) : error;
    }
  });
  registerEvalRuns(evals);
  registerEvalTiers(evals);
  registerEvalCalibrate(evals);
  registerEvalImportPromptfoo(evals);
  registerEvalAddFromTrace(evals);
  registerEvalExport(evals);
}
