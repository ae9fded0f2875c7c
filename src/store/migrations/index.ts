import { initialMigration } from "./001-initial.js";
import { responseCacheMigration } from "./002-response-cache.js";
import { traceSummariesMigration } from "./003-trace-summaries.js";
import { budgetCountersMigration } from "./004-budget-counters.js";
import { approvalsMigration } from "./005-approvals.js";
import { promptRegistryMigration } from "./006-prompt-registry.js";
import { evalsMigration } from "./007-evals.js";
import type { Migration } from "./migration.js";

export type { Migration, MigrationContext } from "./migration.js";

/** Every migration, in version order. Append new ones; never edit or reorder an applied one. */
export const migrations: readonly Migration[] = [
  initialMigration,
  responseCacheMigration,
  traceSummariesMigration,
  budgetCountersMigration,
  approvalsMigration,
  promptRegistryMigration,
  evalsMigration,
];
