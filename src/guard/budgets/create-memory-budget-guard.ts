import type { BudgetsConfig, Clock } from "../../core/index.js";
import type { BudgetGuard } from "./budget-spec.js";
import { createLedgerBudgetGuard } from "./ledger-budget-guard.js";
import { createMemoryCounterLedger, type MemoryCounterLedgerOptions } from "./memory-counter-ledger.js";

export interface CreateMemoryBudgetGuardOptions extends MemoryCounterLedgerOptions {
  clock?: Clock;
}

/**
 * A budget guard whose ledger lives in this process's memory: the same caps, windows, rollup and
 * all-or-nothing reservations as the store guard, for embedding Gantry in one process. Counters start
 * at zero with the process and are not shared; use createBudgetGuard when several processes spend
 * against one budget or spend must survive a restart.
 */
export function createMemoryBudgetGuard(
  config: BudgetsConfig,
  options: CreateMemoryBudgetGuardOptions = {},
): BudgetGuard {
  return createLedgerBudgetGuard(createMemoryCounterLedger(options), config, options.clock);
}
