import { relative } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import pc from "picocolors";
import { GantryError } from "../../core/index.js";
import type { PromptSelector } from "../../prompts/index.js";
import { selectorOf } from "../../runtime/index.js";
import { printJson, printTable } from "../output.js";
import { cliApprover } from "./approvals-command.js";
import { registerCheck, registerDrift } from "./prompts-check-command.js";
import { promptFiles, readPromptSource, withContext } from "./prompts-files.js";
import {
  diffLines,
  gateLines,
  promptListHeaders,
  promptListRow,
  versionHeaderLines,
} from "./prompts-output.js";

// `gantry prompts`: push prompt files to the registry, list and show versions, diff them and move
// labels (behind scopes and gates). Checks and drift are in prompts-check-command.ts.

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
