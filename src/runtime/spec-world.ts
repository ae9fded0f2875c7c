import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import type { Workspace } from "../core/index.js";
import type { SpecWorld } from "../guard/index.js";
import type { AgentDefinition } from "./agent-definition.js";

// What a workspace holds that a behavioural spec can point at: the invariant ids its policies name,
// what its policy rules allow-list, the tools and agents with schemas, and its eval cases.

async function filesIn(folder: string, suffix: string): Promise<string[]> {
  if (!existsSync(folder)) return [];
  return (await readdir(folder)).filter((name) => name.endsWith(suffix)).map((name) => join(folder, name));
}

async function policyFacts(root: string): Promise<{ invariants: Set<string>; allowlisted: Set<string> }> {
  const invariants = new Set<string>();
  const allowlisted = new Set<string>();
  const folder = join(root, "policies");
  for (const file of await filesIn(folder, ".cedar")) {
    for (const match of (await readFile(file, "utf8")).matchAll(/@invariant\(\s*"([^"]+)"\s*\)/g))
      invariants.add(match[1]!);
  }
  for (const file of [...(await filesIn(folder, ".rules.yaml")), ...(await filesIn(folder, ".rules.yml"))]) {
    const source = await readFile(file, "utf8");
    for (const match of source.matchAll(/invariant:\s*["']?([\w-]+)/g)) invariants.add(match[1]!);
    const rules = parseYaml(source) as unknown;
    // Allow lists name tools and models; any string under a key called allow/tools/models counts.
    const visit = (value: unknown, key?: string): void => {
      if (Array.isArray(value)) for (const item of value) visit(item, key);
      else if (value && typeof value === "object")
        for (const [name, item] of Object.entries(value)) visit(item, name);
      else if (typeof value === "string" && key && /allow|tools|models/i.test(key)) {
        allowlisted.add(
          value.includes(":") && !/^(tool|model):/.test(value)
            ? `model:${value}`
            : value.startsWith("model:") || value.startsWith("tool:")
              ? value
              : `tool:${value}`,
        );
      }
    };
    visit(rules);
  }
  return { invariants, allowlisted };
}

async function evalCases(root: string): Promise<Set<string>> {
  const cases = new Set<string>();
  for (const file of [
    ...(await filesIn(join(root, "evals"), ".yaml")),
    ...(await filesIn(join(root, "evals"), ".yml")),
  ]) {
    const suite = parseYaml(await readFile(file, "utf8")) as {
      suite?: string;
      cases?: Array<{ id?: string }>;
    } | null;
    if (!suite?.suite) continue;
    for (const entry of suite.cases ?? []) if (entry.id) cases.add(`${suite.suite}#${entry.id}`);
  }
  return cases;
}

/** Builds the facts `checkAgentSpec` resolves a spec against. */
export async function specWorld(workspace: Workspace): Promise<SpecWorld> {
  const agents = workspace.config.agents as AgentDefinition[];
  const schemas = new Set<string>();
  const visit = (agent: AgentDefinition) => {
    if (agent.output) schemas.add(`agent:${agent.name}`);
    for (const tool of agent.tools) schemas.add(`tool:${tool.name}`);
    for (const subagent of agent.subagents) visit(subagent);
  };
  for (const agent of agents) visit(agent);
  const { invariants, allowlisted } = await policyFacts(workspace.root);
  return { policyInvariants: invariants, allowlisted, schemas, evalCases: await evalCases(workspace.root) };
}
