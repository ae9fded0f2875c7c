import { relative } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import pc from "picocolors";
import { GantryError } from "../../core/index.js";
import {
  checkPrompt,
  type PromptCheckReport,
  parsePromptFile,
  reportPromptDrift,
} from "../../prompts/index.js";
import { selectorOf, withReplayModel } from "../../runtime/index.js";
import { printJson } from "../output.js";
import type { PromptsCommandContext } from "../workspace-prompts-context.js";
import { promptFiles, readPromptSource, withContext } from "./prompts-files.js";
import { checkReportLines, driftLines } from "./prompts-output.js";

// `gantry prompts check` (declared bump against static and replayed impact, consumer contracts) and
// `gantry prompts drift` (production calls on a hash production never released).

function parseDuration(value: string): number {
  const match = /^(\d+)(m|h|d)$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`expected a duration like 30m, 24h or 7d, got '${value}'`);
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as "m" | "h" | "d"];
  return Number(match[1]) * unit;
}

interface CheckOptions {
  against?: string;
  replay: boolean;
  model?: string;
  json?: boolean;
}

async function checkOne(
  context: PromptsCommandContext,
  file: string,
  options: CheckOptions,
): Promise<PromptCheckReport> {
  const { workspace, prompts } = context;
  const relativeFile = relative(workspace.root, file);
  const candidate = parsePromptFile(await readPromptSource(file, workspace.root), relativeFile);
  const id = candidate.frontMatter.id;
  const wanted = options.against ?? workspace.config.prompts.label;
  let baseline: { prompt: ReturnType<typeof parsePromptFile>; from: string } | undefined;
  try {
    const stored = await prompts.registry.get(id, selectorOf(wanted));
    baseline = { prompt: parsePromptFile(stored.source, `${id}@${stored.version}`), from: wanted };
  } catch (error) {
    if (!GantryError.isInstance(error)) throw error;
    if (error.code === "PROMPT_LABEL_NOT_FOUND" && options.against === undefined) {
      // Nothing released yet: compare with the newest pushed version.
      const latest = await prompts.registry.get(id, { label: "latest" }).catch(() => undefined);
      if (latest)
        baseline = { prompt: parsePromptFile(latest.source, `${id}@${latest.version}`), from: "latest" };
    } else if (error.code !== "PROMPT_NOT_FOUND") throw error;
  }
  const replaySet = options.replay ? await prompts.replaySet(id) : undefined;
  const replay = replaySet ? withReplayModel(replaySet, candidate, options.model) : undefined;
  return checkPrompt({
    candidate,
    ...(baseline ? { baseline } : {}),
    ...(replay ? { replay, generate: prompts.generate } : {}),
    contracts: await prompts.contracts(id),
    threshold: workspace.config.prompts.divergenceThreshold,
    resolveInclude: async (include) => {
      const stored = await prompts.registry.get(include.id, selectorOf(include.version ?? "latest"));
      return parsePromptFile(stored.source, `${include.id}@${stored.version}`);
    },
  });
}

export function registerCheck(prompts: Command): void {
  prompts
    .command("check")
    .description(
      "fail when a prompt's declared bump is smaller than its measured impact, or a consumer contract breaks",
    )
    .argument("[files...]", "prompt files or ids (default: every prompts/*.prompt.md)")
    .option(
      "--against <label|version>",
      "the version to compare with (default the config's label, production)",
    )
    .option("--no-replay", "skip the replay (static classification and schema-level contracts only)")
    .option("--model <model>", "replay on this model or tier instead of the replay file's or the prompt's")
    .option("--json", "print the reports as JSON")
    .addHelpText(
      "after",
      `
For each prompt file: the static change classification against the baseline (variables, output
schema), the replay of prompts/<id>.replay.yaml through the baseline and the new version (a replayed
output field changing in more than prompts.divergenceThreshold, 5% by default, of cases needs a major),
and every consumer contract (prompts/<id>.consumers.yaml and those registered through the API) on
the new version's outputs.

Exit codes: 0 every prompt checks, 1 a check failed (each reason printed, naming the consumer and the
field or the change), 2 a prompt, replay or consumers file is invalid.

Example:
  gantry prompts check triage`,
    )
    .action(async (given: string[], options: CheckOptions, command: Command) => {
      await withContext(command, async (context) => {
        const files = await promptFiles(context.workspace.root, given);
        const reports: PromptCheckReport[] = [];
        for (const file of files) reports.push(await checkOne(context, file, options));
        const failed = reports.some((report) => !report.ok);
        if (options.json) printJson({ ok: !failed, reports });
        else {
          if (files.length === 0) console.log(pc.yellow("no prompts/*.prompt.md in this workspace"));
          for (const report of reports) for (const line of checkReportLines(report)) console.log(line);
        }
        if (failed) process.exitCode = 1;
      });
    });
}

export function registerDrift(prompts: Command): void {
  prompts
    .command("drift")
    .description(
      "production model calls whose prompt hash is not the production label's, with no recorded move",
    )
    .option(
      "--since <duration>",
      "how far back to look (30m, 24h, 7d; default the config's drift window)",
      parseDuration,
    )
    .option("--json", "print the findings as JSON")
    .addHelpText(
      "after",
      "\nEach finding is also opened as an alert (kind prompt-drift). Exit codes: 0 no drift, 1 drift found.\n",
    )
    .action(async (options: { since?: number; json?: boolean }, command: Command) => {
      await withContext(command, async ({ workspace, store }) => {
        const settings = workspace.config.prompts;
        const nowMs = Date.now();
        const findings = await reportPromptDrift({
          store,
          environment: settings.drift.environment,
          label: settings.drift.label,
          sinceMs: nowMs - (options.since ?? settings.drift.windowHours * 3_600_000),
          nowMs,
        });
        if (options.json) printJson(findings);
        else for (const line of driftLines(findings, settings.drift.environment)) console.log(line);
        if (findings.length > 0) process.exitCode = 1;
      });
    });
}
