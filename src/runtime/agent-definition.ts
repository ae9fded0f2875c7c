import type { z } from "zod";
import { GantryError } from "../core/index.js";
import type { BreakerSettings, Guardrail } from "../guard/index.js";
import { type AnyTool, isTool } from "./tool-definition.js";

// An agent: its instructions (or a prompt reference), model or tier, tools, output schema, limits
// and breaker settings. `defineAgent` checks and freezes it; the step loop in run-agent.ts runs it.

const agentMarker = Symbol.for("gantry.agent");

/** When a run stops on its own. Reaching a limit fails the run with RUN_LIMIT_REACHED. */
export interface AgentLimits {
  /** Model calls per run. Default 10. */
  maxSteps: number;
  /** Tool calls per run. Default 25. */
  maxToolCalls: number;
  /** Wall-clock milliseconds per run. Default 120 000. */
  wallClockMs: number;
  /** Tool calls of one step run at most this many at a time. Default 4. */
  toolConcurrency: number;
  /** Output tokens per model call; also what budgets reserve. Default: the budgets' default (4096). */
  maxOutputTokens?: number;
  /** Re-asks when the final answer does not match the output schema. Default 2. */
  maxRepairs: number;
}

/** A versioned prompt in `prompts/<id>.prompt.md`, rendered with `variables`. */
export interface PromptReference {
  id: string;
  /** A version or label; default the latest. */
  version?: string;
  variables?: Record<string, string>;
}

export interface AgentConfig<Output = unknown> {
  /** Letters, digits, `_` and `-`, 1-64 characters; unique in a workspace. */
  name: string;
  /** Semver of the agent's behaviour; recorded on runs and spans. Default `0.0.0`. */
  version?: string;
  description?: string;
  /** The system prompt; give this or `prompt`. */
  instructions?: string;
  prompt?: PromptReference;
  /** `provider:model`, `tier:<name>`, or omitted for the workspace default. */
  model?: string;
  tools?: readonly AnyTool[];
  /** Other agents this one may call; each is offered to the model as a tool named after it. */
  subagents?: readonly AgentDefinition[];
  /** The final answer must match this; without it the answer is text. */
  output?: z.ZodType<Output>;
  limits?: Partial<AgentLimits>;
  breaker?: Partial<BreakerSettings>;
  /** Path of the behavioural spec (`agents/<name>.spec.yaml`), relative to the workspace. */
  spec?: string;
  /** Content guardrails (probabilistic defence in depth); see docs/guides/guardrails.md. */
  guardrails?: AgentGuardrails;
}

/** What an agent's content guardrails do. */
export interface AgentGuardrails {
  /** Redact PII before the model sees it (input, tool outputs) and restore it for tools and the user. */
  pii?: boolean;
  /** More guardrails (e.g. injectionGuardrail on tool outputs) run at their stages. */
  checks?: readonly Guardrail[];
}

export interface AgentDefinition<Output = unknown> {
  readonly [agentMarker]: true;
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  readonly instructions?: string;
  readonly prompt?: PromptReference;
  readonly model?: string;
  readonly tools: readonly AnyTool[];
  readonly subagents: readonly AgentDefinition[];
  readonly output?: z.ZodType<Output>;
  readonly limits: AgentLimits;
  readonly breaker: Partial<BreakerSettings>;
  readonly spec?: string;
  readonly guardrails?: AgentGuardrails;
}

export const defaultAgentLimits: AgentLimits = {
  maxSteps: 10,
  maxToolCalls: 25,
  wallClockMs: 120_000,
  toolConcurrency: 4,
  maxRepairs: 2,
};

const agentNamePattern = /^[A-Za-z0-9_-]{1,64}$/;

function invalidAgent(name: string, problem: string, hint: string): GantryError {
  return new GantryError({
    code: "AGENT_DEFINITION_INVALID",
    message: `Agent "${name}": ${problem}`,
    domain: "AGENT",
    category: "USER",
    details: { agent: name },
    hint,
  });
}

function checkLimits(name: string, limits: AgentLimits): void {
  for (const key of ["maxSteps", "maxToolCalls", "wallClockMs", "toolConcurrency"] as const) {
    if (!Number.isInteger(limits[key]) || limits[key] <= 0) {
      throw invalidAgent(
        name,
        `limits.${key} must be a positive integer, got ${limits[key]}`,
        `Set limits.${key} to 1 or more.`,
      );
    }
  }
  if (!Number.isInteger(limits.maxRepairs) || limits.maxRepairs < 0) {
    throw invalidAgent(
      name,
      `limits.maxRepairs must be 0 or more, got ${limits.maxRepairs}`,
      "Set limits.maxRepairs to e.g. 2.",
    );
  }
  if (
    limits.maxOutputTokens !== undefined &&
    (!Number.isInteger(limits.maxOutputTokens) || limits.maxOutputTokens <= 0)
  ) {
    throw invalidAgent(
      name,
      `limits.maxOutputTokens must be a positive integer, got ${limits.maxOutputTokens}`,
      "Set e.g. limits.maxOutputTokens: 1024.",
    );
  }
}

/** Declares an agent; throws AGENT_DEFINITION_INVALID naming the field that is wrong. */
export function defineAgent<Output = unknown>(config: AgentConfig<Output>): AgentDefinition<Output> {
  const name = config.name;
  if (typeof name !== "string" || !agentNamePattern.test(name)) {
    throw invalidAgent(
      String(name),
      "the name must be 1-64 letters, digits, '_' or '-'",
      "Rename the agent, e.g. triage.",
    );
  }
  if (config.instructions === undefined && config.prompt === undefined) {
    throw invalidAgent(
      name,
      "it has neither instructions nor a prompt reference",
      'Add instructions: "..." or prompt: { id: "<prompt id>" }.',
    );
  }
  if (config.instructions !== undefined && config.prompt !== undefined) {
    throw invalidAgent(
      name,
      "it has both instructions and a prompt reference",
      "Keep one: the prompt file or inline instructions.",
    );
  }
  const tools = config.tools ?? [];
  const seen = new Set<string>();
  for (const [index, tool] of tools.entries()) {
    if (!isTool(tool)) {
      throw invalidAgent(
        name,
        `tools[${index}] was not made by defineTool`,
        "Wrap the tool in defineTool({ name, description, input, execute }).",
      );
    }
    if (seen.has(tool.name))
      throw invalidAgent(name, `two tools are named "${tool.name}"`, "Give each tool a unique name.");
    seen.add(tool.name);
  }
  const subagents = config.subagents ?? [];
  for (const [index, subagent] of subagents.entries()) {
    if (!isAgent(subagent)) {
      throw invalidAgent(
        name,
        `subagents[${index}] was not made by defineAgent`,
        "Pass agents made with defineAgent.",
      );
    }
    if (seen.has(subagent.name)) {
      throw invalidAgent(
        name,
        `subagent "${subagent.name}" has the name of another tool`,
        "Rename the tool or the subagent.",
      );
    }
    seen.add(subagent.name);
  }
  if (config.output !== undefined && typeof config.output.safeParse !== "function") {
    throw invalidAgent(name, "output is not a zod schema", "Pass output: z.object({ ... }) or leave it out.");
  }
  const limits = { ...defaultAgentLimits, ...config.limits };
  checkLimits(name, limits);
  return Object.freeze({
    ...config,
    name,
    version: config.version ?? "0.0.0",
    tools,
    subagents,
    limits,
    breaker: { ...config.breaker },
    [agentMarker]: true as const,
  });
}

/** Whether a value was made by `defineAgent` (also across duplicate package copies). */
export function isAgent(value: unknown): value is AgentDefinition {
  return (
    typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[agentMarker] === true
  );
}
