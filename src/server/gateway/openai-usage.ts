import type { NormalisedUsage } from "../../models/index.js";

/** Usage as OpenAI reports it in `usage`. */
export interface OpenAiUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
}

/**
 * Gantry's disjoint buckets folded back into OpenAI's inclusive counts: prompt tokens include cache
 * reads and writes, completion tokens include reasoning.
 */
export function openAiUsage(usage: NormalisedUsage): OpenAiUsage {
  const prompt = usage.input + usage.cacheRead + usage.cacheWrite + usage.cacheWrite1h;
  const completion = usage.output + usage.reasoning;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: usage.cacheRead },
    completion_tokens_details: { reasoning_tokens: usage.reasoning },
  };
}
