import type { BudgetsConfig, Clock } from "../../core/index.js";
import type { Store } from "../../store/index.js";
import type { BudgetGuard } from "./budget-spec.js";
import { createLedgerBudgetGuard } from "./ledger-budget-guard.js";

export interface CreateBudgetGuardOptions {
  /** Where counters and reservations live; shared by every process on the same database. */
  store: Pick<Store, "ledger">;
  /** The workspace's `budgets`. */
  config: BudgetsConfig;
  /** Decides the day and month windows (UTC) and reservation ids; injected in tests. */
  clock?: Clock;
}

/**
 * The budget guard over the store's ledger: reservations are atomic across every process sharing the
 * database (SQLite file or Postgres), and any store failure is BUDGET_LEDGER_UNAVAILABLE (fail closed).
 */
export function createBudgetGuard(options: CreateBudgetGuardOptions): BudgetGuard {
  return createLedgerBudgetGuard(options.store.ledger, options.config, options.clock);
}
