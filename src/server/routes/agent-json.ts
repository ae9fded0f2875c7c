import { z } from "zod";
import type { JsonValue } from "../../core/index.js";
import type { AgentDefinition, AgentLimits, AnyTool, ToolAnnotations } from "../../runtime/index.js";

// `GET /api/v1/agents`: the workspace's agents as a client needs them to start a run — what each is,
// which model it calls, its tools (with their side-effect annotations and input schemas) and limits.

export interface AgentToolJson {
  name: string;
  description: string;
  annotations: ToolAnnotations;
  timeoutMs: number;
  /** JSON Schema of the tool's input; null when the zod schema has no JSON Schema form. */
  inputSchema: JsonValue | null;
}

export interface AgentJson {
  name: string;
  version: string;
  description: string | null;
  /** `provider:model` or `tier:<name>`; null means the workspace's default model. */
  model: string | null;
  /** The versioned prompt the agent renders, when it uses one instead of inline instructions. */
  prompt: { id: string; version: string | null } | null;
  tools: AgentToolJson[];
  /** Agents this one may call (each offered to the model as a tool). */
  subagents: string[];
  /** JSON Schema of the final answer; null when the answer is text. */
  outputSchema: JsonValue | null;
  limits: AgentLimits;
  /** The behavioural spec file, relative to the workspace. */
  spec: string | null;
}

// A schema with parts JSON Schema cannot say (transforms, custom checks) still lists its tool.
function jsonSchemaOf(schema: z.ZodType | undefined): JsonValue | null {
  if (schema === undefined) return null;
  try {
    return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonValue;
  } catch {
    return null;
  }
}

function toolJson(tool: AnyTool): AgentToolJson {
  return {
    name: tool.name,
    description: tool.description,
    annotations: { ...tool.annotations },
    timeoutMs: tool.timeoutMs,
    inputSchema: jsonSchemaOf(tool.input),
  };
}

/** An agent as the API describes it. */
export function agentJson(agent: AgentDefinition): AgentJson {
  return {
    name: agent.name,
    version: agent.version,
    description: agent.description ?? null,
    model: agent.model ?? null,
    prompt:
      agent.prompt === undefined ? null : { id: agent.prompt.id, version: agent.prompt.version ?? null },
    tools: agent.tools.map(toolJson),
    subagents: agent.subagents.map((subagent) => subagent.name),
    outputSchema: jsonSchemaOf(agent.output as z.ZodType | undefined),
    limits: { ...agent.limits },
    spec: agent.spec ?? null,
  };
}
