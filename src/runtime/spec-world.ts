import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import type { Workspace } from "../core/index.js";
import type { LoadedPolicies, SpecWorld } from "../guard/index.js";
import type { AgentDefinition } from "./agent-definition.js";
import { loadWorkspacePolicies } from "./workspace-policies.js";

// What a workspace holds that a behavioural spec can point at: the invariant ids its policies name,
// what its policy rules allow-list, the tools and agents with schemas, and its eval cases.

async function filesIn(folder: string, suffix: string): Promise<string[]> {
  if (!existsSync(folder)) return [];
  return (await readdir(folder)).filter((name) => name.endsWith(suffix)).map((name) => join(folder, name));
}

// Invariants and allow lists come from the validated policy set (annotations and the rules files'
// permits), not from re-reading the files: a commented-out annotation does not count.
function policyFacts(loaded: LoadedPolicies): { invariants: Set<string>; allowlisted: Set<string> } {
  const invariants = new Set<string>();
  const allowlisted = new Set<string>();
  for (const policy of loaded.policies) {
    if (policy.annotations.invariant) invariants.add(policy.annotations.invariant);
    if (policy.origin !== "rules" || policy.effect !== "permit") continue;
    const action = policy.usage.action;
    if (action.kind === "eq") allowlisted.add(action.id);
    else if (action.kind === "in") for (const entity of action.entities) allowlisted.add(entity.id);
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
  const { invariants, allowlisted } = policyFacts(loadWorkspacePolicies(workspace));
  return { policyInvariants: invariants, allowlisted, schemas, evalCases: await evalCases(workspace.root) };
}
