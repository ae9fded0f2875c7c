import type { JsonValue } from "../../core/index.js";
import { gantryKeys, genAiKeys, genAiOperations } from "../gen-ai-conventions.js";
import type { OtlpAttributes } from "./otlp-span.js";

// The one mapper from the attribute conventions agent frameworks emit into Gantry's model. For every
// field the sources are tried in priority order and the first usable value wins:
//   1. OpenTelemetry GenAI (`gen_ai.*`) and Gantry's own `gantry.*`
//   2. OpenInference (Arize Phoenix, LlamaIndex, the OpenInference instrumentations)
//   3. Vercel AI SDK telemetry (`ai.*`)
// A value of the wrong type (tokens as "abc") is not usable, so a lower-priority source may still
// supply the field. The mapper never removes or rewrites an attribute: it only reports the fields and
// the normalised GenAI/gantry keys to add when a field came from another convention.

/** Where a mapped field's value came from. */
export type AttributeConvention = "gen_ai" | "gantry" | "openinference" | "vercel_ai";

/** Gantry's model fields the mapper fills. */
export type MappedField =
  | "operation"
  | "provider"
  | "requestModel"
  | "responseModel"
  | "agent"
  | "sessionId"
  | "costMicros"
  | "inputTokens"
  | "outputTokens"
  | "cacheReadInputTokens"
  | "cacheCreationInputTokens"
  | "reasoningOutputTokens"
  | "toolName"
  | "toolCallId";

export interface MappedSpanAttributes {
  /** The values found, by field; a field no source supplied is absent. */
  values: Partial<Record<MappedField, string | number>>;
  /** Which convention supplied each field (stored as `gantry.mapped_from`). */
  mappedFrom: Partial<Record<MappedField, AttributeConvention>>;
  /** Normalised `gen_ai.*`/`gantry.*` keys for fields another convention supplied, when not already present. */
  added: Record<string, JsonValue>;
}

type Reader = (value: JsonValue | undefined) => string | number | undefined;

interface Source {
  convention: AttributeConvention;
  key: string;
  read: Reader;
}

interface FieldRule {
  field: MappedField;
  /** The key the field is written to when another convention supplied it. */
  normalisedKey: string;
  sources: Source[];
}

const text: Reader = (value) => (typeof value === "string" && value.length > 0 ? value : undefined);

/** A count: a non-negative integer, also as a decimal string (int64 attributes may arrive as text). */
const count: Reader = (value) => {
  const number = typeof value === "string" && /^\d{1,15}$/.test(value) ? Number(value) : value;
  return typeof number === "number" && Number.isSafeInteger(number) && number >= 0 ? number : undefined;
};

const usdToMicros: Reader = (value) =>
  typeof value === "number" && Number.isFinite(value) && value >= 0
    ? Math.round(value * 1_000_000)
    : undefined;

// OpenInference span kinds with a GenAI operation; CHAIN, RETRIEVER, RERANKER, GUARDRAIL and EVALUATOR have none.
const openInferenceOperations: Record<string, string> = {
  LLM: genAiOperations.chat,
  EMBEDDING: "embeddings",
  TOOL: genAiOperations.executeTool,
  AGENT: genAiOperations.invokeAgent,
};

// AI SDK operation ids with a GenAI operation: the inner provider calls and tool calls. The outer
// ai.generateText/ai.streamText spans wrap several steps and have no single GenAI operation.
const vercelOperations: Record<string, string> = {
  "ai.generateText.doGenerate": genAiOperations.chat,
  "ai.streamText.doStream": genAiOperations.chat,
  "ai.generateObject.doGenerate": genAiOperations.chat,
  "ai.streamObject.doStream": genAiOperations.chat,
  "ai.embed.doEmbed": "embeddings",
  "ai.embedMany.doEmbed": "embeddings",
  "ai.toolCall": genAiOperations.executeTool,
};

// AI SDK provider ids (`openai.chat`, `google.generative-ai`) to GenAI `gen_ai.provider.name` values.
const vercelProviders: Record<string, string> = {
  google: "gcp.gemini",
  "google.vertex": "gcp.vertex_ai",
  "amazon-bedrock": "aws.bedrock",
  azure: "azure.ai.openai",
  xai: "x_ai",
  mistral: "mistral_ai",
};

const openInferenceOperation: Reader = (value) =>
  typeof value === "string" ? openInferenceOperations[value.toUpperCase()] : undefined;

const vercelOperation: Reader = (value) => (typeof value === "string" ? vercelOperations[value] : undefined);

/** `operation.name` is the AI SDK's operation id followed by the telemetry function id. */
const vercelOperationName: Reader = (value) =>
  typeof value === "string" ? vercelOperations[value.split(" ", 1)[0]!] : undefined;

const vercelProvider: Reader = (value) => {
  if (typeof value !== "string" || value.length === 0) return undefined;
  const [family, product] = value.split(".");
  return vercelProviders[`${family}.${product}`] ?? vercelProviders[family!] ?? family;
};

const source = (convention: AttributeConvention, key: string, read: Reader): Source => ({
  convention,
  key,
  read,
});
const genAi = (key: string, read: Reader) => source("gen_ai", key, read);
const gantry = (key: string, read: Reader) => source("gantry", key, read);
const openInference = (key: string, read: Reader) => source("openinference", key, read);
const vercel = (key: string, read: Reader) => source("vercel_ai", key, read);

/** The mapping table, fields in any order, each field's sources in priority order. */
export const attributeMappingRules: readonly FieldRule[] = [
  {
    field: "operation",
    normalisedKey: genAiKeys.operationName,
    sources: [
      genAi(genAiKeys.operationName, text),
      openInference("openinference.span.kind", openInferenceOperation),
      vercel("ai.operationId", vercelOperation),
      vercel("operation.name", vercelOperationName),
    ],
  },
  {
    field: "provider",
    normalisedKey: genAiKeys.providerName,
    sources: [
      genAi(genAiKeys.providerName, text),
      genAi("gen_ai.system", text),
      openInference("llm.provider", text),
      openInference("llm.system", text),
      vercel("ai.model.provider", vercelProvider),
    ],
  },
  {
    field: "requestModel",
    normalisedKey: genAiKeys.requestModel,
    sources: [
      genAi(genAiKeys.requestModel, text),
      openInference("llm.model_name", text),
      vercel("ai.model.id", text),
    ],
  },
  {
    field: "responseModel",
    normalisedKey: genAiKeys.responseModel,
    sources: [genAi(genAiKeys.responseModel, text), vercel("ai.response.model", text)],
  },
  {
    field: "agent",
    normalisedKey: genAiKeys.agentName,
    sources: [
      genAi(genAiKeys.agentName, text),
      gantry(gantryKeys.agentName, text),
      openInference("agent.name", text),
      vercel("ai.telemetry.metadata.agent", text),
      vercel("ai.telemetry.metadata.agentName", text),
    ],
  },
  {
    field: "sessionId",
    normalisedKey: gantryKeys.sessionId,
    sources: [
      gantry(gantryKeys.sessionId, text),
      genAi(genAiKeys.conversationId, text),
      openInference("session.id", text),
      vercel("ai.telemetry.metadata.sessionId", text),
      vercel("ai.telemetry.metadata.session.id", text),
    ],
  },
  {
    field: "costMicros",
    normalisedKey: gantryKeys.costMicros,
    sources: [gantry(gantryKeys.costMicros, count), openInference("llm.cost.total", usdToMicros)],
  },
  {
    field: "inputTokens",
    normalisedKey: genAiKeys.usageInputTokens,
    sources: [
      genAi(genAiKeys.usageInputTokens, count),
      genAi("gen_ai.usage.prompt_tokens", count),
      openInference("llm.token_count.prompt", count),
      vercel("ai.usage.inputTokens", count),
      vercel("ai.usage.promptTokens", count),
    ],
  },
  {
    field: "outputTokens",
    normalisedKey: genAiKeys.usageOutputTokens,
    sources: [
      genAi(genAiKeys.usageOutputTokens, count),
      genAi("gen_ai.usage.completion_tokens", count),
      openInference("llm.token_count.completion", count),
      vercel("ai.usage.outputTokens", count),
      vercel("ai.usage.completionTokens", count),
    ],
  },
  {
    field: "cacheReadInputTokens",
    normalisedKey: genAiKeys.usageCacheReadInputTokens,
    sources: [
      genAi(genAiKeys.usageCacheReadInputTokens, count),
      openInference("llm.token_count.prompt_details.cache_read", count),
      vercel("ai.usage.inputTokenDetails.cacheReadTokens", count),
      vercel("ai.usage.cachedInputTokens", count),
    ],
  },
  {
    field: "cacheCreationInputTokens",
    normalisedKey: genAiKeys.usageCacheCreationInputTokens,
    sources: [
      genAi(genAiKeys.usageCacheCreationInputTokens, count),
      openInference("llm.token_count.prompt_details.cache_write", count),
      vercel("ai.usage.inputTokenDetails.cacheWriteTokens", count),
    ],
  },
  {
    field: "reasoningOutputTokens",
    normalisedKey: genAiKeys.usageReasoningOutputTokens,
    sources: [
      genAi(genAiKeys.usageReasoningOutputTokens, count),
      openInference("llm.token_count.completion_details.reasoning", count),
      vercel("ai.usage.outputTokenDetails.reasoningTokens", count),
      vercel("ai.usage.reasoningTokens", count),
    ],
  },
  {
    field: "toolName",
    normalisedKey: genAiKeys.toolName,
    sources: [
      genAi(genAiKeys.toolName, text),
      openInference("tool.name", text),
      vercel("ai.toolCall.name", text),
    ],
  },
  {
    field: "toolCallId",
    normalisedKey: genAiKeys.toolCallId,
    sources: [
      genAi(genAiKeys.toolCallId, text),
      openInference("tool_call.id", text),
      vercel("ai.toolCall.id", text),
    ],
  },
];

const ownConventions: ReadonlySet<AttributeConvention> = new Set(["gen_ai", "gantry"]);

/** Reads GenAI, OpenInference and Vercel AI SDK attributes into Gantry's fields, earlier conventions winning. */
export function mapSpanAttributes(attributes: OtlpAttributes): MappedSpanAttributes {
  const result: MappedSpanAttributes = { values: {}, mappedFrom: {}, added: {} };
  for (const rule of attributeMappingRules) {
    for (const candidate of rule.sources) {
      const value = candidate.read(attributes[candidate.key]);
      if (value === undefined) continue;
      result.values[rule.field] = value;
      result.mappedFrom[rule.field] = candidate.convention;
      if (!ownConventions.has(candidate.convention) && attributes[rule.normalisedKey] === undefined) {
        result.added[rule.normalisedKey] = value;
      }
      break;
    }
  }
  return result;
}
