import { actionGroups, toolActionId } from "./action-model.js";
import type { ArgType } from "./arg-types.js";
import { cedarEntity, cedarLikePattern, cedarString } from "./cedar-text.js";
import type { PolicyDraft } from "./compile-policies.js";
import type { PolicyProblem } from "./policy-errors.js";
import type { PolicyWorkspace } from "./policy-workspace.js";
import { constraintCondition } from "./rule-constraint.js";
import type { LocatedRule } from "./rules-file.js";

// Compiles the rules format to Cedar, one policy per entry, each carrying the entry's file and line:
//   allow: [t]            permit the tool; a glob (`*`, `fs.*`) never covers destructive tools,
//                         which must be named (destructive tools are denied unless explicitly allowed)
//   deny: [t]             forbid the tool (any tool of that name, known to the workspace or not)
//   requireApproval: [t]  permit the tool, and forbid it unless approved: require_approval until then
//   constraints: [check]  forbid the tool's calls that break the check (or require approval for them)
//   models: [m]           the agent's model allowlist (opt-in; agents without one may call any model)
//   egress: [host]        the agent's egress allowlist for HTTP tools (calls that name an egressHost)
// Model and egress lists of `agent: "*"` apply to every agent, together with the agent's own list.

type RecordType = Extract<ArgType, { kind: "record" }>;

interface Allowlist {
  globs: string[];
  file: string;
  line: number;
}

const every = "*";

function principalScope(agent: string): string {
  return agent === every ? "principal" : `principal == ${cedarEntity("Agent", agent)}`;
}

function who(agent: string): string {
  return agent === every ? "every agent" : agent;
}

function annotate(values: { reason?: string; invariant?: string; approval?: string }): string {
  return [
    values.approval === undefined ? "" : `@approval(${cedarString(values.approval)})\n`,
    values.reason === undefined ? "" : `@reason(${cedarString(values.reason)})\n`,
    values.invariant === undefined ? "" : `@invariant(${cedarString(values.invariant)})\n`,
  ].join("");
}

function isGlob(name: string): boolean {
  return name.includes("*");
}

function nameMatch(subject: string, globs: readonly string[]): string {
  return globs
    .map((glob) =>
      isGlob(glob) ? `${subject} like ${cedarLikePattern(glob)}` : `${subject} == ${cedarString(glob)}`,
    )
    .join(" || ");
}

/** Cedar drafts for every rule of every rules file, or the problems found in them. */
export function rulesToDrafts(
  rules: readonly LocatedRule[],
  workspace: PolicyWorkspace,
  argTypes: ReadonlyMap<string, RecordType>,
): { drafts: PolicyDraft[] } | { problems: PolicyProblem[] } {
  const drafts: PolicyDraft[] = [];
  const problems: PolicyProblem[] = [];
  const knownTools = new Set(workspace.tools.map((tool) => tool.name));
  const models = new Map<string, Allowlist>();
  const egress = new Map<string, Allowlist>();

  for (const located of rules) {
    const { rule, file } = located;
    const agents = Array.isArray(rule.agent) ? rule.agent : [rule.agent];
    const push = (field: string, index: number | undefined, text: string, description: string) =>
      drafts.push({
        file,
        line: located.lineOf(field, index),
        column: 1,
        text,
        origin: "rules",
        description,
      });
    const problem = (field: string, index: number | undefined, message: string) =>
      problems.push({ file, line: located.lineOf(field, index), message });
    const knownTool = (field: string, index: number, tool: string): boolean => {
      if (isGlob(tool) || knownTools.size === 0 || knownTools.has(tool)) return true;
      problem(field, index, `unknown tool "${tool}" (the workspace's tools: ${[...knownTools].join(", ")})`);
      return false;
    };
    for (const agent of agents) {
      if (agent !== every && workspace.agents.length > 0 && !workspace.agents.includes(agent)) {
        problem(
          "agent",
          undefined,
          `unknown agent "${agent}" (the workspace's agents: ${workspace.agents.join(", ")})`,
        );
        continue;
      }
      const scope = principalScope(agent);
      const invariant = rule.invariant;
      rule.allow?.forEach((tool, index) => {
        if (!knownTool("allow", index, tool)) return;
        const text = isGlob(tool)
          ? `permit (${scope}, action in Action::"${actionGroups.tools}", resource)${tool === every ? "" : ` when { ${nameMatch("resource.name", [tool])} }`} unless { context.annotations.destructive };`
          : `permit (${scope}, action == ${cedarEntity("Action", toolActionId(tool))}, resource);`;
        push("allow", index, annotate({ invariant }) + text, `allow ${tool} for ${who(agent)}`);
      });
      rule.deny?.forEach((tool, index) => {
        const resource = isGlob(tool) ? "resource" : `resource == ${cedarEntity("Tool", tool)}`;
        const when = isGlob(tool) && tool !== every ? ` when { ${nameMatch("resource.name", [tool])} }` : "";
        const reason =
          rule.reason ?? (agent === every ? `no agent may call ${tool}` : `${agent} may not call ${tool}`);
        push(
          "deny",
          index,
          `${annotate({ reason, invariant })}forbid (${scope}, action in Action::"${actionGroups.tools}", ${resource})${when};`,
          `deny ${tool} for ${who(agent)}`,
        );
      });
      rule.requireApproval?.forEach((tool, index) => {
        if (!knownTool("requireApproval", index, tool)) return;
        const approval = rule.reason ?? `${tool} needs a person's approval for ${who(agent)}`;
        const glob = isGlob(tool);
        const match = glob && tool !== every ? ` when { ${nameMatch("resource.name", [tool])} }` : "";
        const permit = glob
          ? `permit (${scope}, action in Action::"${actionGroups.tools}", resource)${match} unless { context.annotations.destructive };`
          : `permit (${scope}, action == ${cedarEntity("Action", toolActionId(tool))}, resource);`;
        const forbid = `forbid (${scope}, action in Action::"${actionGroups.tools}", ${glob ? "resource" : `resource == ${cedarEntity("Tool", tool)}`})${match} unless { context.approved };`;
        const description = `requireApproval ${tool} for ${who(agent)}`;
        push("requireApproval", index, annotate({ invariant }) + permit, description);
        push("requireApproval", index, annotate({ approval, invariant }) + forbid, description);
      });
      rule.constraints?.forEach((entry, index) => {
        const spec = typeof entry === "string" ? { check: entry, otherwise: "deny" as const } : entry;
        const compiled = constraintCondition(spec.check, argTypes);
        if ("problem" in compiled) {
          problem("constraints", index, compiled.problem);
          return;
        }
        const reason = spec.reason ?? rule.reason ?? `${compiled.tool} is allowed only when ${spec.check}`;
        const action = `action == ${cedarEntity("Action", toolActionId(compiled.tool))}`;
        const text =
          spec.otherwise === "requireApproval"
            ? `${annotate({ approval: reason, invariant: spec.invariant ?? invariant })}forbid (${scope}, ${action}, resource) unless { (${compiled.condition}) || context.approved };`
            : `${annotate({ reason, invariant: spec.invariant ?? invariant })}forbid (${scope}, ${action}, resource) unless { ${compiled.condition} };`;
        push("constraints", index, text, `constraint ${spec.check} for ${who(agent)}`);
      });
      for (const [field, target, list] of [
        ["models", models, rule.models],
        ["egress", egress, rule.egress?.map((host) => host.toLowerCase())],
      ] as const) {
        if (!list) continue;
        const existing = target.get(agent);
        if (existing) existing.globs.push(...list);
        else target.set(agent, { globs: [...list], file, line: located.lineOf(field) });
      }
    }
  }
  drafts.push(...allowlistDrafts(models, "models"), ...allowlistDrafts(egress, "egress"));
  return problems.length > 0 ? { problems } : { drafts };
}

/** One forbid per agent with its own list (plus the `*` list), and one for every other agent. */
function allowlistDrafts(lists: ReadonlyMap<string, Allowlist>, kind: "models" | "egress"): PolicyDraft[] {
  const shared = lists.get(every);
  const own = [...lists.entries()].filter(([agent]) => agent !== every);
  const drafts: PolicyDraft[] = [];
  const action =
    kind === "models"
      ? `action in Action::"${actionGroups.model}"`
      : `action in Action::"${actionGroups.tools}"`;
  const subject = kind === "models" ? "resource.name" : "context.egressHost";
  const when = kind === "egress" ? " when { context has egressHost }" : "";
  const what = kind === "models" ? "model" : "egress host";
  for (const [agent, list] of own) {
    const globs = [...list.globs, ...(shared?.globs ?? [])];
    drafts.push({
      file: list.file,
      line: list.line,
      column: 1,
      origin: "rules",
      description: `${kind} for ${agent}`,
      text: `@reason(${cedarString(`the ${what} is not on ${agent}'s ${kind} allowlist (${globs.join(", ")})`)})\nforbid (principal == ${cedarEntity("Agent", agent)}, ${action}, resource)${when} unless { ${nameMatch(subject, globs)} };`,
    });
  }
  if (shared) {
    const exempt =
      own.length > 0
        ? ` || [${own.map(([agent]) => cedarEntity("Agent", agent)).join(", ")}].contains(principal)`
        : "";
    drafts.push({
      file: shared.file,
      line: shared.line,
      column: 1,
      origin: "rules",
      description: `${kind} for every agent`,
      text: `@reason(${cedarString(`the ${what} is not on the ${kind} allowlist (${shared.globs.join(", ")})`)})\nforbid (principal, ${action}, resource)${when} unless { ${nameMatch(subject, shared.globs)}${exempt} };`,
    });
  }
  return drafts;
}
