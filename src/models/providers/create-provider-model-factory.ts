import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { SimProvider } from "../sim/sim-provider.js";
import { type ProviderDefinition, readEnv } from "./provider-definitions.js";

/** Turns the part of an id after `provider:` into a language model. */
export type ProviderModelFactory = (model: string) => LanguageModelV3;

/**
 * Builds the AI SDK provider behind a definition. Key and base URL are always passed explicitly
 * (an empty key rather than none), because the AI SDK otherwise falls back to `process.env`, and the
 * registry's `env` must be the only source: tests pass their own, and a missing key was already
 * reported by availability.
 */
export function createProviderModelFactory(
  definition: ProviderDefinition,
  env: Record<string, string | undefined>,
  sim: () => SimProvider,
  fetch?: typeof globalThis.fetch,
): ProviderModelFactory {
  const apiKey = readEnv(env, definition.apiKeyEnv);
  const headers = definition.headers;
  // A caller-supplied fetch (createModelAccess passes a keep-alive one) replaces the global fetch.
  const transport = fetch === undefined ? {} : { fetch };
  switch (definition.kind) {
    case "openai": {
      const provider = createOpenAI({
        apiKey: apiKey ?? "",
        baseURL: definition.baseURL,
        headers,
        ...transport,
      });
      // Chat Completions, not the Responses API the SDK defaults to: it is the wire every
      // OpenAI-compatible server and our gateway speak, its usage (cached and reasoning tokens)
      // is what pricing normalises, and it is stateless (no stored responses to leak or bill).
      return (model) => provider.chat(model);
    }
    case "anthropic": {
      const provider = createAnthropic({
        apiKey: apiKey ?? "",
        baseURL: definition.baseURL,
        headers,
        ...transport,
      });
      return (model) => provider.messages(model);
    }
    case "openai-compatible": {
      const provider = createOpenAICompatible({
        name: definition.name,
        baseURL: definition.baseURL ?? "",
        ...(apiKey === undefined ? {} : { apiKey }),
        headers,
        // Without it the server sends no usage on streams, and a streamed call could not be priced.
        includeUsage: true,
        ...transport,
      });
      return (model) => provider.chatModel(model);
    }
    case "sim":
      return (model) => sim().languageModel(model);
  }
}
