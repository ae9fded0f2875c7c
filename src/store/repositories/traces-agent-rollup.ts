import type { SpanRecord } from "../span-spec.js";
import type { AgentRollup } from "../trace-spec.js";
import { tokenCount, usageKeys } from "./traces-summary-delta.js";

/** Per-agent spans, cost (null when unknown) and tokens of a trace's spans, largest cost first. */
export function rollupByAgent(
  spans: readonly Pick<SpanRecord, "agent" | "costMicros" | "attributes">[],
): AgentRollup[] {
  const byAgent = new Map<string | null, AgentRollup>();
  for (const span of spans) {
    let rollup = byAgent.get(span.agent);
    if (rollup === undefined) {
      rollup = {
        agent: span.agent,
        spanCount: 0,
        costMicros: null,
        inputTokens: 0,
        outputTokens: 0,
        cacheReadTokens: 0,
      };
      byAgent.set(span.agent, rollup);
    }
    rollup.spanCount += 1;
    if (span.costMicros !== null) rollup.costMicros = (rollup.costMicros ?? 0) + span.costMicros;
    rollup.inputTokens += tokenCount(span.attributes[usageKeys.inputTokens]);
    rollup.outputTokens += tokenCount(span.attributes[usageKeys.outputTokens]);
    rollup.cacheReadTokens += tokenCount(span.attributes[usageKeys.cacheReadTokens]);
  }
  return [...byAgent.values()].sort(
    (a, b) =>
      (b.costMicros ?? -1) - (a.costMicros ?? -1) ||
      b.spanCount - a.spanCount ||
      (a.agent ?? "").localeCompare(b.agent ?? ""),
  );
}
