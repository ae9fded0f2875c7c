import type {
  LanguageModelV3CallOptions,
  LanguageModelV3FunctionTool,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
} from "@ai-sdk/provider";
import type { Sleep } from "../../src/models/index.js";

/** A sleep that records every requested wait and returns at once (still honouring an abort). */
export function recordingSleep(): { sleep: Sleep; waits: number[] } {
  const waits: number[] = [];
  const sleep: Sleep = async (ms, signal) => {
    signal?.throwIfAborted();
    waits.push(ms);
  };
  return { sleep, waits };
}

/** A one-message user prompt in the V3 shape. */
export function userPrompt(text: string, system?: string): LanguageModelV3Prompt {
  const prompt: LanguageModelV3Prompt = [];
  if (system !== undefined) prompt.push({ role: "system", content: system });
  prompt.push({ role: "user", content: [{ type: "text", text }] });
  return prompt;
}

/** Call options for a plain user message. */
export function callOptions(
  text: string,
  extra: Partial<LanguageModelV3CallOptions> = {},
): LanguageModelV3CallOptions {
  return { prompt: userPrompt(text), ...extra };
}

/** A function tool with a JSON schema, as the AI SDK passes it to a provider. */
export function functionTool(
  name: string,
  description: string,
  properties: Record<string, unknown>,
): LanguageModelV3FunctionTool {
  return {
    type: "function",
    name,
    description,
    inputSchema: {
      type: "object",
      properties,
      required: Object.keys(properties),
      additionalProperties: false,
    },
  };
}

/** Reads a stream to the end; an error ends the read and is returned beside the parts seen before it. */
export { readStreamParts as readParts } from "../support/fake-upstreams/read-stream-parts.js";

/** The text carried by a list of stream parts. */
export function streamedText(parts: readonly LanguageModelV3StreamPart[]): string {
  return parts.map((part) => (part.type === "text-delta" ? part.delta : "")).join("");
}
