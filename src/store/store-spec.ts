import type { Kysely } from "kysely";
import type { AlertsRepository } from "./alert-spec.js";
import type { ApprovalsRepository } from "./approval-spec.js";
import type { AuditRepository } from "./audit-spec.js";
import type { Database } from "./database.js";
import type { EvalsRepository } from "./eval-spec.js";
import type { LedgerRepository } from "./ledger-spec.js";
import type { PromptsRepository } from "./prompt-spec.js";
import type { ResponseCacheRepository } from "./response-cache-spec.js";

export type { Page } from "./page.js";

import type { RunsRepository } from "./run-spec.js";
import type { SpansRepository } from "./span-spec.js";
import type { TracesRepository } from "./trace-spec.js";

// The public surface of the store. Implementations (SQLite, Postgres) share one Kysely code path;
// this file is the contract every caller and the conformance suite program against.

/** Where a store lives: `sqlite` (a file, default `.gantry/gantry.db`) or `postgres`. */
export type StoreKind = "sqlite" | "postgres";

export interface ProjectRecord {
  id: string;
  name: string;
  createdAt: string;
}

export interface ApiKeyRecord {
  id: string;
  projectId: string;
  name: string;
  /** The first characters of the key, shown in listings so a user can tell keys apart. Never the secret. */
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
}

export interface NewApiKey {
  projectId: string;
  name: string;
  prefix: string;
  /** sha256 hex of the full secret; the secret itself is never stored. */
  secretHash: string;
  scopes: string[];
  expiresAt?: string | null;
}

export interface ProjectsRepository {
  /** The project every workspace starts with (`default`), created by the first migration. */
  ensureDefault(): Promise<ProjectRecord>;
  create(input: { id?: string; name: string }): Promise<ProjectRecord>;
  get(id: string): Promise<ProjectRecord | undefined>;
  list(): Promise<ProjectRecord[]>;
}

export interface ApiKeysRepository {
  create(input: NewApiKey): Promise<ApiKeyRecord>;
  /** The active (not revoked, not expired at `now`) key with this secret hash. */
  findActiveByHash(secretHash: string, now: string): Promise<ApiKeyRecord | undefined>;
  list(options?: { projectId?: string; includeRevoked?: boolean }): Promise<ApiKeyRecord[]>;
  /** Revokes by id or by prefix; returns the revoked key, or undefined when none matched. */
  revoke(idOrPrefix: string, at: string): Promise<ApiKeyRecord | undefined>;
  touch(id: string, at: string): Promise<void>;
  /** Number of keys that are neither revoked nor expired at `now`. */
  countActive(now: string): Promise<number>;
}

export interface MigrationStatus {
  version: number;
  name: string;
  appliedAt: string | null;
}

export interface Migrations {
  /** Applies pending migrations in order; safe when several processes call it at once. Returns names applied. */
  migrate(): Promise<string[]>;
  status(): Promise<MigrationStatus[]>;
  /** True when no migration is pending. */
  isCurrent(): Promise<boolean>;
}

/** An open store: the repositories, the migrations and the Kysely instance for queries they lack. */
export interface Store {
  kind: StoreKind;
  /** The SQLite file path (or `:memory:`), or the Postgres URL with its password replaced by `***`. */
  location: string;
  db: Kysely<Database>;
  projects: ProjectsRepository;
  apiKeys: ApiKeysRepository;
  runs: RunsRepository;
  spans: SpansRepository;
  /** Trace summaries (kept current by `spans` inserts), sessions, per-agent rollups and retention. */
  traces: TracesRepository;
  audit: AuditRepository;
  /** Tool calls held for a person's decision; signing and checking them belong to src/guard. */
  approvals: ApprovalsRepository;
  ledger: LedgerRepository;
  /** Prompt versions, labels and their history, consumer contracts, and per-hash usage from spans. */
  prompts: PromptsRepository;
  /** Open and resolved alerts (prompt-hash drift first), deduplicated by key. */
  alerts: AlertsRepository;
  /** Dataset versions, eval runs and their results, online scores and rule cursors; scoring belongs to src/evals. */
  evals: EvalsRepository;
  /** The model response cache (opt-in, exact match, with expiry); src/models decides keys and values. */
  responseCache: ResponseCacheRepository;
  migrations: Migrations;
  /** Closes the connection (SQLite) or the pool (Postgres); the store is unusable afterwards. */
  close(): Promise<void>;
}
