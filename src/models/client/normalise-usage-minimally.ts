import type { LanguageModelV3Usage } from "@ai-sdk/provider";
import type { CallCost, NormalisedUsage } from "../model-call-spec.js";

/**
 * The fallback when no pricing is wired in: V3 usage split into our disjoint buckets, and cost
 * `unknown` (never 0, an unpriced call is not free). Missing counts are 0; totals are only used
 * to derive a bucket the provider did not report.
 */
export function normaliseUsageMinimally(usage: LanguageModelV3Usage | undefined): {
  usage: NormalisedUsage;
  cost: CallCost;
} {
  const cacheRead = usage?.inputTokens.cacheRead ?? 0;
  const cacheWrite = usage?.inputTokens.cacheWrite ?? 0;
  const input =
    usage?.inputTokens.noCache ?? Math.max(0, (usage?.inputTokens.total ?? 0) - cacheRead - cacheWrite);
  const reasoning = usage?.outputTokens.reasoning ?? 0;
  const output = usage?.outputTokens.text ?? Math.max(0, (usage?.outputTokens.total ?? 0) - reasoning);
  return {
    usage: { input, cacheRead, cacheWrite, cacheWrite1h: 0, output, reasoning },
    cost: { micros: null, source: "unknown" },
  };
}
