import { z } from "zod";
import type { JsonValue } from "../core/index.js";
import type { PolicyTool, PolicyWorkspace } from "../guard/index.js";
import type { AgentDefinition } from "./agent-definition.js";
import { subagentInputSchema } from "./model-tools.js";

// The names the policy schema is generated from: every agent (subagents included), every tool with
// its annotations and input schema (so a policy reading `context.args` is type-checked at load),
// every subagent as a handoff tool, and the configured models.

/** Describes a workspace's agents for the policy layer. */
export function policyWorkspaceOf(
  agents: readonly AgentDefinition[],
  models: readonly string[],
): PolicyWorkspace {
  const agentNames = new Set<string>();
  const tools = new Map<string, PolicyTool>();
  const visit = (agent: AgentDefinition) => {
    if (agentNames.has(agent.name)) return;
    agentNames.add(agent.name);
    for (const tool of agent.tools) {
      tools.set(tool.name, {
        name: tool.name,
        source: "function",
        annotations: { ...tool.annotations },
        inputSchema: z.toJSONSchema(tool.input, { io: "input" }) as JsonValue,
      });
    }
    for (const subagent of agent.subagents) {
      tools.set(subagent.name, {
        name: subagent.name,
        source: "handoff",
        inputSchema: z.toJSONSchema(subagentInputSchema) as JsonValue,
      });
      visit(subagent);
    }
  };
  for (const agent of agents) visit(agent);
  return { agents: [...agentNames], tools: [...tools.values()], models: [...models] };
}
