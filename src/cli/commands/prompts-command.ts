import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import pc from "picocolors";
import { GantryError } from "../../core/index.js";
import {
  checkPrompt,
  type PromptCheckReport,
  type PromptSelector,
  parsePromptFile,
  reportPromptDrift,
} from "../../prompts/index.js";
import { selectorOf, withReplayModel } from "../../runtime/index.js";
import { printJson, printTable } from "../output.js";
import { openPromptsContext, type PromptsCommandContext } from "../workspace-prompts-context.js";
import { cliApprover } from "./approvals-command.js";
import {
  checkReportLines,
  diffLines,
  driftLines,
  gateLines,
  promptListHeaders,
  promptListRow,
  versionHeaderLines,
} from "./prompts-output.js";

// `gantry prompts`: push prompt files to the registry, list and show versions, diff them, move
// labels (behind scopes and gates), check a change against its declared bump and its consumers'
// contracts, and look for prompt-hash drift in production traces.

/** `triage`, `triage@1.2.0` (a version) or `triage:production` (a label). */
export function parsePromptRef(value: string): { id: string; selector: PromptSelector } {
  const match = /^([a-z0-9]+(?:-[a-z0-9]+)*)(?:([@:])(.+))?$/.exec(value.trim());
  if (!match) {
    throw new InvalidArgumentError(
      `expected a prompt id, id@version or id:label (like triage, triage@1.2.0, triage:production), got '${value}'`,
    );
  }
  const [, id, mark, rest] = match;
  if (mark === undefined) return { id: id!, selector: {} };
  return { id: id!, selector: mark === "@" ? { version: rest! } : { label: rest! } };
}

function parseDuration(value: string): number {
  const match = /^(\d+)(m|h|d)$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`expected a duration like 30m, 24h or 7d, got '${value}'`);
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as "m" | "h" | "d"];
  return Number(match[1]) * unit;
}

/** Prompt files to act on: the given paths or ids, else every `prompts/*.prompt.md`. */
async function promptFiles(root: string, given: readonly string[]): Promise<string[]> {
  const folder = join(root, "prompts");
  if (given.length > 0) {
    return given.map((entry) =>
      entry.endsWith(".prompt.md") ? resolve(entry) : join(folder, `${entry}.prompt.md`),
    );
  }
  if (!existsSync(folder)) return [];
  return (await readdir(folder))
    .filter((name) => name.endsWith(".prompt.md"))
    .sort()
    .map((name) => join(folder, name));
}

async function readPromptSource(file: string, root: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch {
    throw new GantryError({
      code: "PROMPT_NOT_FOUND",
      message: `There is no prompt file ${relative(root, file) || file}`,
      domain: "PROMPT",
      category: "USER",
      details: { file },
      hint: "Prompt files live in prompts/<id>.prompt.md; give an id or a path to one.",
    });
  }
}

async function withContext<T>(command: Command, body: (context: PromptsCommandContext) => Promise<T>) {
  const context = await openPromptsContext(command);
  try {
    return await body(context);
  } finally {
    await context.close();
  }
}

function registerPush(prompts: Command): void {
  prompts
    .command("push")
    .description("store prompt files as new immutable versions (latest follows the highest version)")
    .argument("[files...]", "prompt files or ids (default: every prompts/*.prompt.md)")
    .option("-m, --message <text>", "what changed, kept with the version")
    .option("--author <name>", "who pushed (default cli:<your OS user>)")
    .option("--label <label>", "then point this label at each pushed version (gates and scopes apply)")
    .option("--force", "push even when the version bump is smaller than the changes need")
    .option("--json", "print the results as JSON")
    .addHelpText(
      "after",
      `
A version is immutable: pushing the same version with other content is refused (bump it). Pushing a
version whose bump is smaller than its changes need (a dropped output field in a patch) is refused
too, naming each change, unless --force.

Examples:
  gantry prompts push -m "tighter refund wording"
  gantry prompts push prompts/triage.prompt.md --label staging`,
    )
    .action(
      async (
        given: string[],
        options: { message?: string; author?: string; label?: string; force?: boolean; json?: boolean },
        command: Command,
      ) => {
        await withContext(command, async ({ workspace, prompts }) => {
          const files = await promptFiles(workspace.root, given);
          if (files.length === 0) {
            console.log(pc.yellow("no prompts/*.prompt.md in this workspace"));
            return;
          }
          const author = options.author ?? cliApprover();
          const results = [];
          for (const file of files) {
            const source = await readPromptSource(file, workspace.root);
            const pushed = await prompts.registry.push(source, relative(workspace.root, file), {
              author,
              ...(options.message ? { message: options.message } : {}),
              ...(options.force ? { force: true } : {}),
            });
            const labelled = options.label
              ? await prompts.registry.moveLabel(pushed.version.id, options.label, pushed.version.version, {
                  name: author,
                  scopes: ["admin"],
                })
              : undefined;
            results.push({ ...pushed, labelled });
          }
          if (options.json) return printJson(results);
          for (const result of results) {
            const { id, version, hash } = result.version;
            const mark = result.outcome === "created" ? pc.green("pushed") : pc.dim("unchanged");
            console.log(`${mark} ${id}@${version} ${pc.dim(hash.slice(0, 12))}`);
            if (result.labelled) for (const line of gateLines(result.labelled)) console.log(`  ${line}`);
          }
        });
      },
    );
}

function registerList(prompts: Command): void {
  prompts
    .command("list")
    .description("prompts in the registry: latest version, labels, number of versions")
    .option("--json", "print as JSON")
    .action(async (options: { json?: boolean }, command: Command) => {
      await withContext(command, async ({ prompts: { registry } }) => {
        const list = await registry.list();
        if (options.json) return printJson(list);
        printTable(promptListHeaders, list.map(promptListRow));
      });
    });
}

function registerShow(prompts: Command): void {
  prompts
    .command("show")
    .description("one version: its metadata, labels and source")
    .argument("<ref>", "id, id@version or id:label (default the latest)", parsePromptRef)
    .option("--versions", "list every version instead")
    .option("--history", "show the label history instead")
    .option("--json", "print as JSON")
    .action(
      async (
        ref: ReturnType<typeof parsePromptRef>,
        options: { versions?: boolean; history?: boolean; json?: boolean },
        command: Command,
      ) => {
        await withContext(command, async ({ prompts: { registry } }) => {
          if (options.versions) {
            const versions = await registry.versions(ref.id);
            if (options.json) return printJson(versions);
            return printTable(
              ["version", "hash", "author", "created", "message"],
              versions.map((v) => [
                v.version,
                v.hash.slice(0, 12),
                v.author ?? "",
                v.createdAt,
                v.message ?? "",
              ]),
            );
          }
          if (options.history) {
            const events = await registry.history(ref.id);
            if (options.json) return printJson(events);
            return printTable(
              ["at", "label", "from", "to", "kind", "actor"],
              events.map((e) => [e.at, e.label, e.fromVersion ?? "-", e.toVersion, e.kind, e.actor ?? ""]),
            );
          }
          const version = await registry.get(ref.id, ref.selector);
          const labels = await registry.labels(ref.id);
          if (options.json) return printJson({ ...version, labels });
          for (const line of versionHeaderLines(version, labels)) console.log(line);
          console.log("");
          process.stdout.write(version.source.endsWith("\n") ? version.source : `${version.source}\n`);
        });
      },
    );
}

function registerDiff(prompts: Command): void {
  prompts
    .command("diff")
    .description("line diff and change classification between two versions or labels")
    .argument("<id>", "the prompt id")
    .argument("<from>", "a version or a label")
    .argument("[to]", "a version or a label (default latest)")
    .option("--json", "print as JSON")
    .addHelpText(
      "after",
      "\nExamples:\n  gantry prompts diff triage production latest\n  gantry prompts diff triage 1.0.0 1.1.0",
    )
    .action(
      async (
        id: string,
        from: string,
        to: string | undefined,
        options: { json?: boolean },
        command: Command,
      ) => {
        await withContext(command, async ({ prompts: { registry } }) => {
          const diff = await registry.diff(id, selectorOf(from), selectorOf(to ?? "latest"));
          if (options.json) return printJson(diff);
          for (const line of diffLines(diff)) console.log(line);
        });
      },
    );
}

function registerLabel(prompts: Command): void {
  prompts
    .command("label")
    .description("point a label (staging, production…) at a version; protected labels run their gates")
    .argument("<id>", "the prompt id")
    .argument("<label>", "the label to move")
    .argument("<version>", "the version it should point to")
    .option("--as <name>", "who moves it (default cli:<your OS user>)")
    .option("--json", "print the move and the gate results as JSON")
    .addHelpText(
      "after",
      `
Each gate configured for the label (prompts.labels.<label>.gates in gantry.config.ts) runs on the
candidate; one failing refuses the move (exit 1) and nothing changes. The move and the gate results
are kept in the label history (gantry prompts show <id> --history).

Example:
  gantry prompts label triage production 1.1.0`,
    )
    .action(
      async (
        id: string,
        label: string,
        version: string,
        options: { as?: string; json?: boolean },
        command: Command,
      ) => {
        await withContext(command, async ({ prompts: { registry } }) => {
          // The terminal has the store's files: a local operator acts with every scope.
          const actor = { name: options.as ?? cliApprover(), scopes: ["admin"] };
          try {
            const moved = await registry.moveLabel(id, label, version, actor);
            if (options.json) return printJson(moved);
            for (const line of gateLines(moved)) console.log(line);
          } catch (error) {
            if (GantryError.isInstance(error) && error.code === "PROMPT_GATE_FAILED") {
              if (options.json) printJson({ moved: false, error: error.toJSON() });
              else console.error(`${pc.red("✘")} ${error.message}`);
              process.exitCode = 1;
              return;
            }
            throw error;
          }
        });
      },
    );
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

function registerCheck(prompts: Command): void {
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

function registerDrift(prompts: Command): void {
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

/** `gantry prompts …`. */
export function registerPromptsCommand(program: Command): void {
  const prompts = program
    .command("prompts")
    .description("prompts as versioned contracts: registry, labels, diffs, checks, drift")
    .addHelpText(
      "after",
      `
Prompt files are prompts/<id>.prompt.md (front matter + template). Guide: docs/guides/prompts.md.

Examples:
  gantry prompts push -m "first version"
  gantry prompts list
  gantry prompts show triage:production
  gantry prompts diff triage 1.0.0 1.1.0
  gantry prompts check
  gantry prompts label triage production 1.1.0`,
    );
  registerPush(prompts);
  registerList(prompts);
  registerShow(prompts);
  registerDiff(prompts);
  registerLabel(prompts);
  registerCheck(prompts);
  registerDrift(prompts);
}
