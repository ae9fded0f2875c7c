import { z } from "zod";
import { hashJson, type JsonValue, sha256Hex } from "../core/index.js";
import type { AgentDefinition } from "./agent-definition.js";
import { outputJsonSchema } from "./model-tools.js";
import type { ResolvedPrompt } from "./runtime-spec.js";

// An agent's manifest: everything that decides its behaviour, pinned by version and hash, in one
// reviewable document (`gantry manifest <agent>`). Two manifests that differ name what changed: the
// prompt's hash, a tool's schema, the policy digest, the model pins. It holds no timestamps, so the
// same workspace always yields the same manifest and its digest.

export const agentManifestVersion = 1;

export interface AgentManifest {
  manifestVersion: typeof agentManifestVersion;
  agent: { name: string; version: string; description?: string };
  /** The versioned prompt (with the label it was resolved from), or the inline instructions' hash. */
  prompt?: { id: string; version?: string; hash?: string; source?: string; label?: string };
  instructions?: { sha256: string };
  /** What the agent asks for, and the models that can answer (a tier's candidates in order). */
  model: { requested: string; candidates: string[] };
  tools: Array<{
    name: string;
    description: string;
    input: JsonValue;
    output?: JsonValue;
    annotations?: JsonValue;
  }>;
  subagents: Array<{ name: string; version: string }>;
  policy: { digest: string; files: string[] };
  /** The answer's JSON Schema (the agent's `output`), and the prompt's declared output when it has one. */
  output: { schema?: JsonValue; prompt?: JsonValue };
  limits: JsonValue;
  guardrails: { pii: boolean; checks: string[] };
  spec?: string;
  /** sha256 of the canonical JSON of every field above. */
  digest: string;
}

export interface ManifestInputs {
  /** Resolves the agent's prompt reference (the workspace's prompt client). */
  resolvePrompt?: (
    agent: AgentDefinition,
  ) => Promise<ResolvedPrompt & { output?: JsonValue; label?: string }>;
  /** The policy set in force (`loadWorkspacePolicies`). */
  policy: { digest: string; files: readonly string[] };
  /** The workspace's default model and its tiers (`models.default`, `models.tiers`). */
  defaultModel: string;
  tiers: Readonly<Record<string, readonly string[]>>;
}

function candidatesOf(requested: string, tiers: ManifestInputs["tiers"]): string[] {
  const tier = requested.startsWith("tier:") ? requested.slice("tier:".length) : undefined;
  if (tier !== undefined) return [...(tiers[tier] ?? [])];
  return [requested];
}

function toolEntry(tool: AgentDefinition["tools"][number]): AgentManifest["tools"][number] {
  return {
    name: tool.name,
    description: tool.description,
    input: z.toJSONSchema(tool.input, { io: "input" }) as JsonValue,
    ...(tool.output ? { output: z.toJSONSchema(tool.output) as JsonValue } : {}),
    ...(Object.keys(tool.annotations).length > 0 ? { annotations: tool.annotations as JsonValue } : {}),
  };
}

/** Builds the manifest of one agent. */
export async function buildAgentManifest(
  agent: AgentDefinition,
  inputs: ManifestInputs,
): Promise<AgentManifest> {
  const requested = agent.model ?? inputs.defaultModel;
  let prompt: AgentManifest["prompt"];
  let promptOutput: JsonValue | undefined;
  if (agent.prompt && inputs.resolvePrompt) {
    const resolved = await inputs.resolvePrompt(agent);
    prompt = {
      id: resolved.id,
      ...(resolved.version ? { version: resolved.version } : {}),
      ...(resolved.hash ? { hash: resolved.hash } : {}),
      ...(resolved.source ? { source: resolved.source } : {}),
      ...(resolved.label ? { label: resolved.label } : {}),
    };
    promptOutput = resolved.output;
  }
  const schema = outputJsonSchema(agent) as JsonValue | undefined;
  const body: Omit<AgentManifest, "digest"> = {
    manifestVersion: agentManifestVersion,
    agent: {
      name: agent.name,
      version: agent.version,
      ...(agent.description ? { description: agent.description } : {}),
    },
    ...(prompt ? { prompt } : {}),
    ...(agent.instructions !== undefined ? { instructions: { sha256: sha256Hex(agent.instructions) } } : {}),
    model: { requested, candidates: candidatesOf(requested, inputs.tiers) },
    tools: agent.tools.map(toolEntry).sort((a, b) => a.name.localeCompare(b.name)),
    subagents: agent.subagents.map((subagent) => ({ name: subagent.name, version: subagent.version })),
    policy: { digest: inputs.policy.digest, files: [...inputs.policy.files] },
    output: {
      ...(schema !== undefined ? { schema } : {}),
      ...(promptOutput !== undefined ? { prompt: promptOutput } : {}),
    },
    limits: agent.limits as unknown as JsonValue,
    guardrails: {
      pii: agent.guardrails?.pii === true,
      checks: (agent.guardrails?.checks ?? []).map((check) => check.name),
    },
    ...(agent.spec ? { spec: agent.spec } : {}),
  };
  return { ...body, digest: hashJson(body) };
}
