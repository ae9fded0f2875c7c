import { type Command, InvalidArgumentError } from "commander";
import pc from "picocolors";
import { loadWorkspace } from "../../core/index.js";
import {
  formatMs,
  formatPercent,
  formatUsd,
  routingSnippet,
  runTiers,
  type TaskProfile,
  type TierBenchmark,
  taskClasses,
} from "../../evals/index.js";
import { prepareWorkspaceEval } from "../../server/index.js";
import { type GlobalOptions, workspaceRoot } from "../cli-context.js";
import { printJson, printTable } from "../output.js";
import { openEvalContext } from "./eval-context.js";
import { parseAmount, parseCount, parseShare, subcommandOptions } from "./eval-options.js";
import { createProgressBar } from "./eval-progress.js";

interface TiersFlags {
  class?: TaskProfile["class"];
  wrongAnswerCostUsd?: number;
  volumePerDay?: number;
  latencySloMs?: number;
  qualitySlo?: number;
  trials?: number;
  concurrency?: number;
  json?: boolean;
}

function parseClass(value: string): TaskProfile["class"] {
  if (!(taskClasses as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${taskClasses.join(", ")}, got '${value}'`);
  }
  return value as TaskProfile["class"];
}

function headerLine(benchmark: TierBenchmark): string {
  const { profile } = benchmark;
  return (
    pc.bold(`tiers for ${benchmark.suite}`) +
    pc.dim(
      ` · ${profile.class}, quality SLO ${formatPercent(profile.qualitySlo)}` +
        `${profile.latencySloMs === undefined ? "" : `, p95 SLO ${profile.latencySloMs}ms`}` +
        `, wrong answer $${profile.wrongAnswerCostUsd}, ${profile.volumePerDay}/day`,
    )
  );
}

function printBenchmark(benchmark: TierBenchmark): void {
  console.log(headerLine(benchmark));
  console.log("");
  printTable(
    ["tier", "run", "accuracy", "cost/request", "cost/success", "p50", "p95"],
    benchmark.tiers.map((tier) => [
      tier.tier,
      tier.runId,
      formatPercent(tier.accuracy),
      formatUsd(tier.costPerTrialMicros === null ? null : Math.round(tier.costPerTrialMicros)),
      formatUsd(tier.costPerSuccessMicros === null ? null : Math.round(tier.costPerSuccessMicros)),
      formatMs(tier.latencyP50Ms),
      formatMs(tier.latencyP95Ms),
    ]),
  );
  const { proposal } = benchmark;
  if (proposal.cascades.length > 0) {
    console.log("");
    printTable(
      ["cascade", "escalates", "escalation rate", "accuracy", "cost/request", "p95"],
      proposal.cascades.map((cascade) => [
        `${cascade.from} → ${cascade.to}`,
        formatPercent(cascade.cheapFailureRate),
        formatPercent(cascade.escalationRate),
        formatPercent(cascade.accuracy),
        formatUsd(cascade.costPerRequestMicros === null ? null : Math.round(cascade.costPerRequestMicros)),
        formatMs(cascade.latencyP95Ms),
      ]),
    );
  }
  console.log("");
  console.log(pc.bold("proposal"));
  for (const reason of proposal.reasons) console.log(`  ${reason}`);
  if (proposal.dailyCostUsd !== null) {
    console.log(
      `  expected cost at ${benchmark.profile.volumePerDay}/day: $${proposal.dailyCostUsd.toFixed(2)} (wrong answers included)`,
    );
  }
  console.log("");
  console.log(routingSnippet(proposal, benchmark.suite));
}

/** `gantry eval tiers <suite>`: the suite on every tier, and the routing it suggests. */
export function registerEvalTiers(evals: Command): void {
  evals
    .command("tiers")
    .description(
      "run a suite on every model tier: accuracy, cost per success, latency, cascades; propose routing",
    )
    .argument("<suite>", "the suite: a name (evals/<name>.yaml) or a path")
    .option("--class <class>", `the task's reasoning class: ${taskClasses.join(", ")}`, parseClass)
    .option("--wrong-answer-cost-usd <usd>", "what one wrong answer costs (default 0)", parseAmount)
    .option("--volume-per-day <n>", "requests per day, for the daily cost (default 1000)", parseAmount)
    .option("--latency-slo-ms <ms>", "the p95 latency a tier must stay within (default none)", parseAmount)
    .option("--quality-slo <share>", "the accuracy a tier must reach, 0..1 (default 0.9)", parseShare)
    .option("--trials <n>", "trials per case (default: the suite's)", parseCount)
    .option("--concurrency <n>", "trials in flight (default: the suite's)", parseCount)
    .option("--json", "print the benchmark as JSON")
    .addHelpText(
      "after",
      `
Every tier of models.tiers runs the suite once (its runs are labelled tier:<name>). A cascade's
escalation rate is the share of the cases the cheaper tier failed that the dearer one passed; its
estimate assumes the validator catches exactly the failures, so it is the best a cascade can do.
The proposal is the cheapest tier meeting the quality and latency SLOs, or a cascade when its
expected cost, wrong answers priced in, is lower.

Examples:
  gantry eval tiers triage --quality-slo 0.95 --wrong-answer-cost-usd 2 --volume-per-day 20000
  gantry eval tiers triage --latency-slo-ms 1500 --json`,
    )
    .action(async (suiteName: string, _flags: unknown, command: Command) => {
      const flags = subcommandOptions<TiersFlags>(command);
      const workspace = await loadWorkspace(workspaceRoot(command.optsWithGlobals<GlobalOptions>()));
      const context = await openEvalContext(workspace, { cache: false });
      try {
        const prepared = await prepareWorkspaceEval(context, suiteName);
        const suite = prepared.loaded.suite;
        const progress = createProgressBar({ enabled: !flags.json });
        const benchmark = await runTiers({
          suite: prepared.suite,
          dataset: prepared.dataset,
          tiers: workspace.config.models.tiers,
          deps: prepared.deps,
          profile: {
            ...(flags.class ? { class: flags.class } : {}),
            ...(flags.wrongAnswerCostUsd !== undefined
              ? { wrongAnswerCostUsd: flags.wrongAnswerCostUsd }
              : {}),
            ...(flags.volumePerDay !== undefined ? { volumePerDay: flags.volumePerDay } : {}),
            ...(flags.latencySloMs !== undefined ? { latencySloMs: flags.latencySloMs } : {}),
            ...(flags.qualitySlo !== undefined ? { qualitySlo: flags.qualitySlo } : {}),
          },
          options: {
            concurrency: flags.concurrency ?? suite.concurrency,
            ...(flags.trials ? { trials: flags.trials } : {}),
            onProgress: (done, total) => progress.update(done, total),
          },
          onTier: (tier, outcome) => {
            if (outcome) progress.finish();
            else if (!flags.json) process.stderr.write(pc.dim(`tier ${tier}…\n`));
          },
        });
        if (flags.json) return printJson(benchmark);
        printBenchmark(benchmark);
      } finally {
        await context.close();
      }
    });
}
