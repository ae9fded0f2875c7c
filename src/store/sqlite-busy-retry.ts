import { setTimeout as sleep } from "node:timers/promises";
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  SqliteDialect,
  type SqliteDialectConfig,
  type TransactionSettings,
} from "kysely";

// better-sqlite3 is synchronous: SQLite's own busy_timeout would block Node's event loop while it waits,
// and when the lock holder is another connection in the same process (awaiting between the statements of
// its transaction) it can never finish, so the wait always runs out. Waiting asynchronously instead lets
// the holder proceed. Retrying is safe: a statement that failed with SQLITE_BUSY changed nothing.

/** How long a statement keeps retrying a locked database before giving up (as busy_timeout would). */
export const sqliteBusyTimeoutMs = 5000;

// SQLITE_BUSY_SNAPSHOT is left out on purpose: it means the transaction's snapshot is stale, and only
// restarting the whole transaction (not the statement) can fix that.
const retriedCodes = new Set(["SQLITE_BUSY", "SQLITE_BUSY_RECOVERY"]);

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && retriedCodes.has(code);
}

async function withBusyRetry<T>(attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + sqliteBusyTimeoutMs;
  for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      await sleep(wait + Math.random() * wait);
    }
  }
}

function retrying(connection: DatabaseConnection): DatabaseConnection {
  return {
    executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      return withBusyRetry(() => connection.executeQuery<R>(query));
    },
    streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
      return connection.streamQuery<R>(query, chunkSize);
    },
  };
}

class BusyRetryingDriver implements Driver {
  constructor(private readonly inner: Driver) {}
  init(): Promise<void> {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return retrying(await this.inner.acquireConnection());
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }
  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler["compileQuery"]) {
    await this.inner.savepoint?.(connection, name, compile);
  }
  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler["compileQuery"],
  ) {
    await this.inner.rollbackToSavepoint?.(connection, name, compile);
  }
  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler["compileQuery"],
  ) {
    await this.inner.releaseSavepoint?.(connection, name, compile);
  }
  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(connection);
  }
  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/** Kysely's SQLite dialect, with SQLITE_BUSY retried asynchronously instead of waited for synchronously. */
export class BusyRetryingSqliteDialect extends SqliteDialect {
  constructor(config: SqliteDialectConfig) {
    super(config);
  }
  override createDriver(): Driver {
    return new BusyRetryingDriver(super.createDriver());
  }
}
