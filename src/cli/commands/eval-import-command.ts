import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import type { Command } from "commander";
import pc from "picocolors";
import { GantryError } from "../../core/index.js";
import { importPromptfooConfig } from "../../evals/index.js";
import { type GlobalOptions, workspaceRoot } from "../cli-context.js";
import { subcommandOptions } from "./eval-options.js";
import { runSuiteCommand } from "./eval-run-action.js";
import { suiteFileText } from "./eval-suite-file.js";

interface ImportFlags {
  output?: string;
  name?: string;
  run?: boolean;
  force?: boolean;
  model?: string;
}

function usage(message: string, hint: string, details: Record<string, string | string[]> = {}): GantryError {
  return new GantryError({
    code: "EVAL_IMPORT_INVALID",
    message,
    domain: "EVAL",
    category: "USER",
    details,
    hint,
  });
}

/** `gantry eval import-promptfoo <config>`: promptfoo's config as Gantry suite files, optionally run at once. */
export function registerEvalImportPromptfoo(evals: Command): void {
  evals
    .command("import-promptfoo")
    .description("turn a promptfooconfig.yaml (prompts × providers × tests with asserts) into suite files")
    .argument("<config>", "the promptfoo config (promptfooconfig.yaml)")
    .option("-o, --output <file>", "where to write the suite (default evals/<suite>.yaml; one suite only)")
    .option("--name <name>", "the suite's name (a prefix when the config has several prompts or providers)")
    .option("--run", "run every imported suite right away and print its report")
    .option("--force", "overwrite suite files that exist")
    .option(
      "--model <model>",
      "with --run: run on this model or tier instead of the providers' (e.g. sim:default)",
    )
    .addHelpText(
      "after",
      `
Each prompt × provider becomes one suite whose target is the provider's model; tests become cases
(the prompt rendered with their vars), defaultTest asserts the suite's scorers and each test's asserts
that case's scorers (equals, contains, icontains, regex, is-json, javascript,
llm-rubric, cost, latency, levenshtein, their not- forms…). What cannot be mapped is refused, naming
file:line.

Examples:
  gantry eval import-promptfoo promptfooconfig.yaml
  gantry eval import-promptfoo promptfoo/refunds.yaml -o evals/refunds.yaml --run`,
    )
    .action(async (configFile: string, flags: ImportFlags, command: Command) => {
      const root = workspaceRoot(command.optsWithGlobals<GlobalOptions>());
      const path = resolve(configFile);
      if (!existsSync(path)) {
        throw usage(
          `There is no promptfoo config ${configFile}`,
          "Give the path of a promptfooconfig.yaml.",
          { file: path },
        );
      }
      const imported = importPromptfooConfig(await readFile(path, "utf8"), relative(root, path) || path, {
        ...(flags.name ? { name: flags.name } : {}),
      });
      if (flags.output && imported.suites.length > 1) {
        throw usage(
          `The config makes ${imported.suites.length} suites (${imported.suites.map((entry) => entry.suite.name).join(", ")}); -o takes one`,
          "Leave out -o to write each to evals/<suite>.yaml.",
        );
      }
      for (const note of imported.notes) console.error(pc.yellow(`note: ${note}`));
      const written: string[] = [];
      for (const { suite, dataset } of imported.suites) {
        const target = flags.output ? resolve(flags.output) : join(root, "evals", `${suite.name}.yaml`);
        const shown = relative(root, target) || target;
        if (existsSync(target) && !flags.force) {
          throw usage(`${shown} exists`, "Pass --force to overwrite it, or -o to write elsewhere.", {
            file: shown,
          });
        }
        const text = suiteFileText(
          suite,
          dataset.cases,
          shown,
          `Imported from promptfoo config ${basename(path)} by \`gantry eval import-promptfoo\`.\n${suite.description ?? ""}`.trim(),
        );
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, text);
        written.push(target);
        console.log(
          `${pc.green("wrote")} ${shown} ${pc.dim(`(suite ${suite.name}, ${dataset.cases.length} cases, ${suite.scorers.length} suite scorers)`)}`,
        );
      }
      if (!flags.run) return;
      // `gantry eval` defines --model too, and commander hands it to the parent: read both.
      const { model } = subcommandOptions<ImportFlags>(command);
      for (const file of written) {
        console.log("");
        await runSuiteCommand(file, model ? { model } : {}, command);
      }
    });
}
