import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { builtinDrafts } from "./builtin-policies.js";
import { generateCedarSchema } from "./cedar-schema.js";
import {
  cedarFileDrafts,
  compilePolicies,
  type LoadedPolicies,
  type PolicyDraft,
} from "./compile-policies.js";
import { type PolicyProblem, policyInvalid } from "./policy-errors.js";
import type { PolicyWorkspace } from "./policy-workspace.js";
import { type LocatedRule, readRulesFile } from "./rules-file.js";
import { rulesToDrafts } from "./rules-to-cedar.js";

// Reads a workspace's policies: `policies/*.cedar` (Cedar) and `policies/*.rules.yaml` (the rules
// format, compiled to Cedar), validated together against the schema of the workspace's agents and
// tools. Any problem stops the load with file and line. No policies at all is not an error, but it
// means every tool call is denied, and the warning says so.

/** A policy file's path relative to the workspace root, and its text. */
export interface PolicySourceFile {
  file: string;
  text: string;
}

const rulesSuffix = /\.rules\.ya?ml$/;

/** True for the files the loader reads. */
export function isPolicyFile(name: string): boolean {
  return name.endsWith(".cedar") || rulesSuffix.test(name);
}

/** The default-deny notice given when a workspace has no policies. */
export function noPoliciesWarning(directory: string): string {
  return `no policies: ${directory}/ has no .cedar or .rules.yaml files, so every tool call is denied (default deny). Add ${directory}/default.cedar with permit policies for the tools your agents use.`;
}

/** Compiles policy sources (Cedar and rules files) into a validated policy set; throws POLICY_INVALID. */
export function compilePolicySources(options: {
  sources: readonly PolicySourceFile[];
  workspace: PolicyWorkspace;
  /** The folder named in the no-policies warning. */
  directory?: string;
}): LoadedPolicies {
  const { sources, workspace } = options;
  const problems: PolicyProblem[] = [];
  const drafts: PolicyDraft[] = [];
  const rules: LocatedRule[] = [];
  for (const source of sources) {
    if (rulesSuffix.test(source.file)) {
      const read = readRulesFile(source.file, source.text);
      if ("problems" in read) problems.push(...read.problems);
      else rules.push(...read.rules);
    } else {
      const read = cedarFileDrafts(source.file, source.text);
      if ("problems" in read) problems.push(...read.problems);
      else drafts.push(...read.drafts);
    }
  }
  if (rules.length > 0) {
    const compiled = rulesToDrafts(rules, workspace, generateCedarSchema(workspace).argTypes);
    if ("problems" in compiled) problems.push(...compiled.problems);
    else drafts.push(...compiled.drafts);
  }
  if (problems.length > 0) throw policyInvalid(problems);
  return compilePolicies({
    drafts: [...drafts, ...builtinDrafts()],
    files: sources.map((source) => source.file),
    workspace,
    warnings: sources.length === 0 ? [noPoliciesWarning(options.directory ?? "policies")] : [],
  });
}

/** Reads and validates `<root>/policies/*.cedar` and `*.rules.yaml`; throws POLICY_INVALID with file:line. */
export function loadPolicies(options: {
  root: string;
  workspace: PolicyWorkspace;
  /** The policies folder relative to the root; `policies` by default. */
  directory?: string;
}): LoadedPolicies {
  const directory = options.directory ?? "policies";
  const folder = join(options.root, directory);
  const names =
    existsSync(folder) && statSync(folder).isDirectory()
      ? readdirSync(folder).filter(isPolicyFile).sort()
      : [];
  const sources = names.map((name) => ({
    file: `${directory}/${name}`,
    text: readFileSync(join(folder, name), "utf8"),
  }));
  return compilePolicySources({ sources, workspace: options.workspace, directory });
}
