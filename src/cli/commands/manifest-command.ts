import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import pc from "picocolors";
import { stringify as toYaml } from "yaml";
import {
  type AgentDefinition,
  agentNotFound,
  buildAgentManifest,
  loadWorkspacePolicies,
} from "../../runtime/index.js";
import { printJson } from "../output.js";
import { openPromptsContext } from "../workspace-prompts-context.js";

// `gantry manifest <agent>`: the agent's behaviour pinned in one YAML document (prompt versions and
// hashes, model pins, tool schemas, the policy digest, the output contract) for review and release.

export function registerManifestCommand(program: Command): void {
  program
    .command("manifest")
    .description(
      "write an agent's manifest: prompt versions and hashes, model pins, tools, policy digest, output contract",
    )
    .argument("<agent>", "the agent's name")
    .option("-o, --out <file>", "write the YAML here instead of standard output")
    .option("--json", "print JSON instead of YAML")
    .addHelpText(
      "after",
      `
The prompt is resolved as a run would resolve it now (the config's label, production by default,
else the workspace's prompt file). The manifest has no timestamps: the same workspace always gives the
same manifest and digest, so two manifests diff cleanly in review.

Examples:
  gantry manifest triage
  gantry manifest triage -o manifests/triage.yaml`,
    )
    .action(async (name: string, options: { out?: string; json?: boolean }, command: Command) => {
      const context = await openPromptsContext(command);
      try {
        const { workspace, prompts } = context;
        const agents = workspace.config.agents as AgentDefinition[];
        const agent = agents.find((candidate) => candidate.name === name);
        if (!agent)
          throw agentNotFound(
            name,
            agents.map((candidate) => candidate.name),
          );
        const manifest = await buildAgentManifest(agent, {
          resolvePrompt: (subject) => prompts.resolve(subject.prompt!),
          policy: loadWorkspacePolicies(workspace),
          defaultModel: workspace.config.models.default,
          tiers: workspace.config.models.tiers,
        });
        const text = options.json
          ? `${JSON.stringify(manifest, null, 2)}\n`
          : toYaml(manifest, { lineWidth: 0 });
        if (options.out) {
          await writeFile(resolve(options.out), text);
          console.log(
            `${pc.green("wrote")} ${options.out} ${pc.dim(`(digest ${manifest.digest.slice(0, 12)})`)}`,
          );
        } else if (options.json) printJson(manifest);
        else process.stdout.write(text);
      } finally {
        await context.close();
      }
    });
}
