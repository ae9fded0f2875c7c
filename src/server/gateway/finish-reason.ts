import type { LanguageModelV3FinishReason } from "@ai-sdk/provider";

/** OpenAI's `finish_reason` values. */
export type OpenAiFinishReason = "stop" | "length" | "tool_calls" | "content_filter";

/** A V3 finish reason as OpenAI's; `error` and `other` have no OpenAI counterpart and read as `stop`. */
export function openAiFinishReason(reason: LanguageModelV3FinishReason): OpenAiFinishReason {
  switch (reason.unified) {
    case "length":
      return "length";
    case "tool-calls":
      return "tool_calls";
    case "content-filter":
      return "content_filter";
    default:
      return "stop";
  }
}
