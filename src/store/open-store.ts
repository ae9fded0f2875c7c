import { Kysely } from "kysely";
import { type Clock, systemClock } from "../core/index.js";
import { connectPostgres } from "./connect-postgres.js";
import { connectSqlite } from "./connect-sqlite.js";
import type { Database } from "./database.js";
import { migrations } from "./migrations/index.js";
import { createMigrations } from "./migrator.js";
import { createAlertsRepository } from "./repositories/alerts-repository.js";
import { createApiKeysRepository } from "./repositories/api-keys-repository.js";
import { createApprovalsRepository } from "./repositories/approvals-repository.js";
import { createAuditRepository } from "./repositories/audit-repository.js";
import { createEvalsRepository } from "./repositories/evals-repository.js";
import { createLedgerRepository } from "./repositories/ledger-repository.js";
import { createProjectsRepository } from "./repositories/projects-repository.js";
import { createPromptsRepository } from "./repositories/prompts-repository.js";
import type { RepositoryContext } from "./repositories/repository-context.js";
import { createResponseCacheRepository } from "./repositories/response-cache-repository.js";
import { createRunsRepository } from "./repositories/runs-repository.js";
import { createSpansRepository } from "./repositories/spans-repository.js";
import { createTracesRepository } from "./repositories/traces-repository.js";
import { resolveStoreTarget } from "./resolve-location.js";
import type { Store } from "./store-spec.js";

export interface OpenStoreOptions {
  /** `postgres://…`, `postgresql://…` or a SQLite path (relative to `root`); pass GANTRY_DATABASE_URL or store.url. */
  url?: string;
  /** The workspace root: the default SQLite file is `<root>/.gantry/gantry.db`. */
  root: string;
  /** Apply pending migrations while opening (default true). */
  migrate?: boolean;
  clock?: Clock;
  /** Postgres only: the schema to use (created when missing); lets tests isolate themselves. */
  schema?: string;
}

/** Opens the workspace's store (SQLite by default, Postgres for a postgres:// url) and migrates it. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const clock = options.clock ?? systemClock;
  const target = resolveStoreTarget(options.url, options.root);
  const dialect =
    target.kind === "sqlite"
      ? connectSqlite(target.path)
      : await connectPostgres(target.url, target.location, options.schema);
  const db = new Kysely<Database>({ dialect });
  const context: RepositoryContext = { db, kind: target.kind, clock };
  const store: Store = {
    kind: target.kind,
    location: target.location,
    db,
    projects: createProjectsRepository(context),
    apiKeys: createApiKeysRepository(context),
    runs: createRunsRepository(context),
    spans: createSpansRepository(context),
    traces: createTracesRepository(context),
    audit: createAuditRepository(context),
    approvals: createApprovalsRepository(context),
    ledger: createLedgerRepository(context),
    prompts: createPromptsRepository(context),
    alerts: createAlertsRepository(context),
    evals: createEvalsRepository(context),
    responseCache: createResponseCacheRepository(context),
    migrations: createMigrations({ db, kind: target.kind, location: target.location, clock, migrations }),
    close: () => db.destroy(),
  };
  if (options.migrate ?? true) {
    try {
      await store.migrations.migrate();
    } catch (error) {
      await db.destroy().catch(() => {});
      throw error;
    }
  }
  return store;
}
