import type { BudgetLimitConfig, BudgetScope } from "../../core/index.js";
import { defaultProjectId } from "../../store/index.js";
import type { BudgetContext, BudgetCounterRef } from "./budget-spec.js";
import { budgetWindowKey } from "./budget-windows.js";

/** Whole micro-USD of a configured dollar cap (`limitUsd` is validated positive). */
export function limitMicros(limitUsd: number): number {
  return Math.round(limitUsd * 1_000_000);
}

/** The ids a context spends under for one scope; a run's spend also counts for every ancestor run. */
function scopeIds(scope: BudgetScope, context: BudgetContext): string[] {
  switch (scope) {
    case "run":
      return [context.runId, ...(context.parentRunIds ?? [])];
    case "session":
      return context.sessionId === undefined ? [] : [context.sessionId];
    case "agent":
      return [context.agent];
    case "apiKey":
      return context.apiKeyId === undefined ? [] : [context.apiKeyId];
    case "project":
      return [context.projectId ?? defaultProjectId];
  }
}

/**
 * Every cap of `limits` that applies to a context at `timeMs`, resolved to a counter. A limit with an
 * `id` applies only to that id; one without applies to each id on its own. Two limits that land on the
 * same counter (same scope, id and window) keep the smaller cap, so no counter is charged twice.
 */
export function resolveBudgetCounters(
  limits: readonly BudgetLimitConfig[],
  context: BudgetContext,
  timeMs: number,
): BudgetCounterRef[] {
  const byKey = new Map<string, BudgetCounterRef>();
  for (const limit of limits) {
    const windowKey = budgetWindowKey(limit.window, timeMs);
    const cap = limitMicros(limit.limitUsd);
    for (const scopeId of scopeIds(limit.scope, context)) {
      if (limit.id !== undefined && limit.id !== scopeId) continue;
      const key = `${limit.scope}\u0000${scopeId}\u0000${windowKey}`;
      const known = byKey.get(key);
      if (known !== undefined && known.limitMicros <= cap) continue;
      byKey.set(key, { scope: limit.scope, scopeId, window: limit.window, windowKey, limitMicros: cap });
    }
  }
  return [...byKey.values()];
}

/**
 * The index in `limits` of the limit a counter was resolved from (the `budgets.limits[i]` to raise);
 * an exact id match wins over a limit for every id. -1 when none matches (the config changed).
 */
export function limitIndexOf(limits: readonly BudgetLimitConfig[], counter: BudgetCounterRef): number {
  let fallback = -1;
  for (const [index, limit] of limits.entries()) {
    if (limit.scope !== counter.scope || limit.window !== counter.window) continue;
    if (limitMicros(limit.limitUsd) !== counter.limitMicros) continue;
    if (limit.id === counter.scopeId) return index;
    if (limit.id === undefined && fallback === -1) fallback = index;
  }
  return fallback;
}
