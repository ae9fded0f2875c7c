import type { LanguageModelV3Content } from "@ai-sdk/provider";
import type { ModelCallResult } from "../../models/index.js";
import { type OpenAiFinishReason, openAiFinishReason } from "./finish-reason.js";
import { type OpenAiUsage, openAiUsage } from "./openai-usage.js";

/** One tool call as OpenAI writes it in a message. */
export interface OpenAiToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/** The `chat.completion` object OpenAI returns for a plain (non-streamed) request. */
export interface ChatCompletionBody {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: Array<{
    index: 0;
    message: { role: "assistant"; content: string | null; refusal: null; tool_calls?: OpenAiToolCall[] };
    logprobs: null;
    finish_reason: OpenAiFinishReason;
  }>;
  usage: OpenAiUsage;
}

/** A Gantry call result as OpenAI's `chat.completion`; `model` is the model that answered (`provider:model`). */
export function chatCompletionBody(
  result: ModelCallResult,
  identity: { id: string; createdSeconds: number },
): ChatCompletionBody {
  const text = result.content
    .filter((part): part is Extract<LanguageModelV3Content, { type: "text" }> => part.type === "text")
    .map((part) => part.text)
    .join("");
  const toolCalls = result.content
    .filter(
      (part): part is Extract<LanguageModelV3Content, { type: "tool-call" }> => part.type === "tool-call",
    )
    .filter((part) => !part.providerExecuted)
    .map(
      (part): OpenAiToolCall => ({
        id: part.toolCallId,
        type: "function",
        function: { name: part.toolName, arguments: part.input },
      }),
    );
  return {
    id: identity.id,
    object: "chat.completion",
    created: identity.createdSeconds,
    model: result.modelId,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          // OpenAI sends null content when the answer is only tool calls.
          content: text.length > 0 || toolCalls.length === 0 ? text : null,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: openAiFinishReason(result.finishReason),
      },
    ],
    usage: openAiUsage(result.usage),
  };
}
