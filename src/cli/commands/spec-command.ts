import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import pc from "picocolors";
import { loadWorkspace } from "../../core/index.js";
import { checkAgentSpec, loadAgentSpec, type SpecProblem } from "../../guard/index.js";
import { specWorld } from "../../runtime/index.js";
import { type GlobalOptions, workspaceRoot } from "../cli-context.js";
import { printJson } from "../output.js";

/** `gantry spec check`: every agent spec's invariants resolve to an enforcement, every criterion to an eval case. */
export function registerSpecCommand(program: Command): void {
  const spec = program.command("spec").description("behavioural specs of agents (agents/<name>.spec.yaml)");
  spec
    .command("check")
    .description(
      "fail when an invariant's enforcement does not resolve or a success criterion has no eval case",
    )
    .option("--json", "print the problems as JSON")
    .addHelpText(
      "after",
      "\nExit codes: 0 every spec checks, 1 problems found, 2 a spec or the config is invalid.\n\nExample:\n  gantry spec check\n",
    )
    .action(async (options: { json?: boolean }, command: Command) => {
      const workspace = await loadWorkspace(workspaceRoot(command.optsWithGlobals<GlobalOptions>()));
      const folder = join(workspace.root, "agents");
      const files = existsSync(folder)
        ? (await readdir(folder)).filter((name) => name.endsWith(".spec.yaml")).sort()
        : [];
      const world = await specWorld(workspace);
      const results: Array<{ file: string; agent: string; problems: SpecProblem[] }> = [];
      for (const name of files) {
        const file = join(folder, name);
        const loaded = await loadAgentSpec(file);
        results.push({
          file: join("agents", name),
          agent: loaded.agent,
          problems: checkAgentSpec(loaded, world),
        });
      }
      const failed = results.some((result) => result.problems.length > 0);
      if (options.json) printJson({ ok: !failed, specs: results });
      else {
        if (results.length === 0) console.log(pc.yellow("no agents/*.spec.yaml in this workspace"));
        for (const result of results) {
          const mark = result.problems.length === 0 ? pc.green("✔") : pc.red("✘");
          console.log(`${mark} ${result.file} ${pc.dim(`(${result.agent})`)}`);
          for (const problem of result.problems)
            console.log(`    ${pc.bold(problem.where)}  ${problem.message}`);
        }
      }
      if (failed) process.exitCode = 1;
    });
}
