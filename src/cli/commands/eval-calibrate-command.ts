import { readFile } from "node:fs/promises";
import { relative, resolve } from "node:path";
import type { Command } from "commander";
import pc from "picocolors";
import { GantryError, loadWorkspace } from "../../core/index.js";
import {
  type CalibrationReport,
  calibrateJudge,
  formatPercent,
  judgeModelFor,
  loadSuite,
  modelJudgeClient,
  parseLabelsFile,
  type RubricSpec,
  type SuiteDefinition,
  targetModelOf,
} from "../../evals/index.js";
import { configuredModels } from "../../models/index.js";
import { type GlobalOptions, workspaceRoot } from "../cli-context.js";
import { printJson, printTable } from "../output.js";
import { openEvalContext } from "./eval-context.js";
import { parseCount, subcommandOptions } from "./eval-options.js";

interface CalibrateFlags {
  suite?: string;
  rubric?: string;
  judge?: string;
  concurrency?: number;
  json?: boolean;
}

function rubricOfSuite(suite: SuiteDefinition): Partial<RubricSpec> {
  const spec = suite.scorers.find((scorer) => scorer.type === "llm-rubric");
  if (spec) return spec as unknown as Partial<RubricSpec>;
  throw new GantryError({
    code: "EVAL_SUITE_NO_RUBRIC",
    message: `Suite ${suite.name} has no llm-rubric scorer to calibrate`,
    domain: "EVAL",
    category: "USER",
    details: { suite: suite.name, scorers: suite.scorers.map((scorer) => scorer.type) },
    hint: "Calibrate a suite with an llm-rubric scorer, or give the rubric with --rubric.",
  });
}

const kappa = (value: number | null) => (value === null ? "n/a" : value.toFixed(2));

function printReport(report: CalibrationReport, file: string): void {
  console.log(
    `${pc.bold("judge calibration")} ${pc.dim(`${file} · judge ${report.judgeModel} · ${report.items.length} graded labels`)}`,
  );
  console.log("");
  printTable(
    ["dimension", "labels", "accuracy", "Cohen's kappa"],
    [
      ...Object.entries(report.dimensions).map(([dimension, agreement]) => [
        dimension,
        String(agreement.n),
        formatPercent(agreement.accuracy),
        kappa(agreement.cohensKappa),
      ]),
      [
        "overall",
        String(report.overall.n),
        formatPercent(report.overall.accuracy),
        kappa(report.overall.cohensKappa),
      ],
    ],
  );
  const disagreements = report.items.filter((item) => item.judge !== null && item.judge !== item.human);
  if (disagreements.length > 0) {
    console.log("");
    console.log(pc.bold("disagreements"));
    for (const item of disagreements) {
      console.log(
        `  ${item.id} ${item.dimension}: human ${item.human}, judge ${item.judge}${pc.dim(` — ${item.reason}`)}`,
      );
    }
  }
  if (report.inconclusive > 0)
    console.log(pc.yellow(`${report.inconclusive} labels the judge could not grade (left out)`));
  console.log(pc.dim(`judge spend ${report.costMicros} µUSD`));
}

/** `gantry eval calibrate <labels-file>`: how often the judge agrees with people. */
export function registerEvalCalibrate(evals: Command): void {
  evals
    .command("calibrate")
    .description(
      "grade human-labelled answers with the judge; report accuracy and Cohen's kappa per dimension",
    )
    .argument(
      "<labels-file>",
      "YAML or JSONL: items { id, input, output, context?, human: { <dimension>: <label> } }",
    )
    .option(
      "--suite <suite>",
      "calibrate the llm-rubric scorer of this suite (its dimensions, scale and judge)",
    )
    .option("--rubric <text>", "what the judge grades against, when no suite is given")
    .option(
      "--judge <model>",
      "the judge model (default: the suite's, evals.judge.model, or one of another family)",
    )
    .option("--concurrency <n>", "items judged at once (default 4)", parseCount)
    .option("--json", "print the report as JSON")
    .addHelpText(
      "after",
      `
Kappa discounts the agreement two raters reach by chance; above 0.6 is usually read as substantial.

Examples:
  gantry eval calibrate evals/judge-labels.yaml
  gantry eval calibrate evals/judge-labels.yaml --suite support --json`,
    )
    .action(async (labelsFile: string, _flags: unknown, command: Command) => {
      const flags = subcommandOptions<CalibrateFlags>(command);
      const workspace = await loadWorkspace(workspaceRoot(command.optsWithGlobals<GlobalOptions>()));
      const path = resolve(labelsFile);
      const shown = relative(workspace.root, path) || path;
      let source: string;
      try {
        source = await readFile(path, "utf8");
      } catch {
        throw new GantryError({
          code: "EVAL_LABELS_NOT_FOUND",
          message: `There is no labels file ${labelsFile}`,
          domain: "EVAL",
          category: "USER",
          details: { file: path },
          hint: "Give the path of a YAML or JSONL file of labelled items (see docs/guides/evals.md).",
        });
      }
      const labels = parseLabelsFile(source, shown);
      const suite = flags.suite ? (await loadSuite(workspace.root, flags.suite)).suite : undefined;
      const spec: Partial<RubricSpec> = {
        ...(suite ? rubricOfSuite(suite) : {}),
        ...(flags.rubric ? { rubric: flags.rubric } : {}),
      };
      const context = await openEvalContext(workspace, { cache: false });
      try {
        const targetModel = suite
          ? await targetModelOf(suite.target, {
              defaultModel: workspace.config.models.default,
              runtime: context.runtime,
              prompts: context.prompts,
            })
          : workspace.config.models.default;
        const choice = judgeModelFor(
          targetModel,
          configuredModels(workspace.config.models),
          flags.judge ?? suite?.judge?.model ?? workspace.config.evals.judge.model,
        );
        if (choice.note && !flags.json) console.error(pc.yellow(`warning: judge: ${choice.note}`));
        const report = await calibrateJudge({
          labels,
          spec,
          judge: modelJudgeClient(context.modelAccess.client, choice.model),
          ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
        });
        if (flags.json) return printJson(report);
        printReport(report, shown);
      } finally {
        await context.close();
      }
    });
}
