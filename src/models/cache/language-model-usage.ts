import type { LanguageModelV3Usage } from "@ai-sdk/provider";
import type { NormalisedUsage } from "../model-call-spec.js";

/** Normalised usage back in the AI SDK's V3 shape (for a replayed stream's `finish` part). */
export function toLanguageModelUsage(usage: NormalisedUsage): LanguageModelV3Usage {
  const cacheWrite = usage.cacheWrite + usage.cacheWrite1h;
  return {
    inputTokens: {
      total: usage.input + usage.cacheRead + cacheWrite,
      noCache: usage.input,
      cacheRead: usage.cacheRead,
      cacheWrite,
    },
    outputTokens: { total: usage.output + usage.reasoning, text: usage.output, reasoning: usage.reasoning },
  };
}
