import type { LanguageModelV3FunctionTool } from "@ai-sdk/provider";
import { z } from "zod";
import type { AgentDefinition } from "./agent-definition.js";
import type { AnyTool } from "./tool-definition.js";

// What the model is offered: each tool and each subagent as a function tool with a JSON Schema.
// Schemas are converted once per agent and cached: z.toJSONSchema is not free and runs every step.

/** The input a subagent takes when called as a tool. */
export const subagentInputSchema = z.object({
  input: z
    .string()
    .min(1)
    .describe("What to ask the agent, in full: it sees nothing else of this conversation."),
});

const cache = new WeakMap<AgentDefinition, LanguageModelV3FunctionTool[]>();

function toolSchema(tool: AnyTool): LanguageModelV3FunctionTool {
  return {
    type: "function",
    name: tool.name,
    description: tool.description,
    inputSchema: z.toJSONSchema(tool.input, { io: "input" }) as LanguageModelV3FunctionTool["inputSchema"],
  };
}

function subagentSchema(agent: AgentDefinition): LanguageModelV3FunctionTool {
  return {
    type: "function",
    name: agent.name,
    description: agent.description ?? `Ask the ${agent.name} agent.`,
    inputSchema: z.toJSONSchema(subagentInputSchema) as LanguageModelV3FunctionTool["inputSchema"],
  };
}

/** The function tools an agent offers the model (its tools, then its subagents). */
export function modelTools(agent: AgentDefinition): LanguageModelV3FunctionTool[] {
  let tools = cache.get(agent);
  if (!tools) {
    tools = [...agent.tools.map(toolSchema), ...agent.subagents.map(subagentSchema)];
    cache.set(agent, tools);
  }
  return tools;
}

const outputCache = new WeakMap<object, unknown>();

/** The JSON Schema of an agent's output, for `responseFormat`. */
export function outputJsonSchema(agent: AgentDefinition): Record<string, unknown> | undefined {
  if (!agent.output) return undefined;
  let schema = outputCache.get(agent.output);
  if (!schema) {
    schema = z.toJSONSchema(agent.output);
    outputCache.set(agent.output, schema);
  }
  return schema as Record<string, unknown>;
}
