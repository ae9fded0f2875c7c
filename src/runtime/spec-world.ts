import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
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

// The ids of a suite's cases: inline `cases:`, or the dataset file it names (`dataset: datasets/x.jsonl`
// or `{ file }`, relative to the workspace; JSONL or a YAML list / `{ cases }`). Only ids are read here;
// `gantry eval` validates the files fully.
async function caseIds(root: string, suite: { cases?: unknown; dataset?: unknown }): Promise<string[]> {
  const ids = (entries: unknown): string[] =>
    Array.isArray(entries)
      ? entries.flatMap((entry) => (typeof entry?.id === "string" ? [entry.id as string] : []))
      : [];
  if (suite.cases !== undefined) return ids(suite.cases);
  const dataset = suite.dataset as string | { file?: unknown } | undefined;
  const file =
    typeof dataset === "string" ? dataset : typeof dataset?.file === "string" ? dataset.file : undefined;
  if (!file) return [];
  const path = isAbsolute(file) ? file : join(root, file);
  if (!existsSync(path)) return [];
  const text = await readFile(path, "utf8");
  if (/\.(jsonl|ndjson)$/i.test(path)) {
    return ids(
      text.split(/\r?\n/).flatMap((line) => {
        try {
          return line.trim() === "" ? [] : [JSON.parse(line)];
        } catch {
          return [];
        }
      }),
    );
  }
  try {
    const parsed = parseYaml(text) as unknown;
    return ids(Array.isArray(parsed) ? parsed : (parsed as { cases?: unknown } | null)?.cases);
  } catch {
    return []; // a broken dataset shows as missing cases here and as its own error in `gantry eval`
  }
}

async function evalCases(root: string): Promise<Set<string>> {
  const cases = new Set<string>();
  for (const file of [
    ...(await filesIn(join(root, "evals"), ".yaml")),
    ...(await filesIn(join(root, "evals"), ".yml")),
  ]) {
    const suite = parseYaml(await readFile(file, "utf8")) as {
      suite?: string;
      cases?: unknown;
      dataset?: unknown;
    } | null;
    if (!suite?.suite) continue;
    for (const id of await caseIds(root, suite)) cases.add(`${suite.suite}#${id}`);
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
