import type { LanguageModelV3CallOptions, LanguageModelV3Usage } from "@ai-sdk/provider";
import type { PlannedToolCall } from "./plan-response.js";
import { renderPromptText } from "./render-prompt-text.js";
import type { TokenCounter } from "./token-counter.js";

/**
 * Token usage in the V3 shape, counted with a real tokenizer: input from the rendered prompt (messages,
 * tool results, tool definitions, schema), output from the reply text and each tool call's name and
 * JSON arguments. The sim has no prompt cache, so cache reads and writes are 0 and nothing is reasoning.
 */
export function simUsage(
  options: LanguageModelV3CallOptions,
  text: string,
  toolCalls: readonly PlannedToolCall[],
  tokens: TokenCounter,
): LanguageModelV3Usage {
  const inputTokens = tokens.count(renderPromptText(options));
  const outputTokens =
    tokens.count(text) +
    toolCalls.reduce((sum, call) => sum + tokens.count(call.toolName) + tokens.count(call.input), 0);
  return {
    inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: 0 },
  };
}
