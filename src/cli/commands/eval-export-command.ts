import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import { loadWorkspace } from "../../core/index.js";
import { type DatasetFormat, exportDataset, loadSuite } from "../../evals/index.js";
import { type GlobalOptions, workspaceRoot } from "../cli-context.js";

function parseFormat(value: string): DatasetFormat {
  if (value !== "jsonl" && value !== "yaml")
    throw new InvalidArgumentError(`expected jsonl or yaml, got '${value}'`);
  return value;
}

/** `gantry eval export <suite>`: the suite's dataset as JSONL or YAML, to stdout or a file. */
export function registerEvalExport(evals: Command): void {
  evals
    .command("export")
    .description("write a suite's dataset as JSONL or YAML (reads back to the same version hash)")
    .argument("<suite>", "the suite: a name (evals/<name>.yaml) or a path")
    .option("--format <format>", "jsonl or yaml", parseFormat, "jsonl" as DatasetFormat)
    .option("-o, --output <file>", "write to this file instead of stdout")
    .addHelpText(
      "after",
      "\nExamples:\n  gantry eval export triage > datasets/triage.jsonl\n  gantry eval export triage --format yaml -o datasets/triage.yaml",
    )
    .action(
      async (suiteName: string, flags: { format: DatasetFormat; output?: string }, command: Command) => {
        const workspace = await loadWorkspace(workspaceRoot(command.optsWithGlobals<GlobalOptions>()));
        const { dataset } = await loadSuite(workspace.root, suiteName);
        const text = exportDataset(dataset, flags.format);
        if (!flags.output) {
          process.stdout.write(text);
          return;
        }
        const path = resolve(flags.output);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, text);
        console.error(
          `wrote ${dataset.cases.length} cases (version ${dataset.hash.slice(0, 12)}) to ${flags.output}`,
        );
      },
    );
}
