import type { JsonValue } from "../core/index.js";

// Contract of the prompt registry's storage: immutable prompt versions, movable labels with their
// history, and the consumer contracts registered through the API. Only storage: what a version may
// be, who may move a label and which gates must pass belong to src/prompts.

/** One pushed version of a prompt; never changed or deleted once written. */
export interface StoredPromptVersion {
  projectId: string;
  promptId: string;
  /** Semver, unique per prompt. */
  version: string;
  /** sha256 hex of `source`. */
  hash: string;
  /** The whole prompt file (front matter and template) as pushed. */
  source: string;
  /** The parsed front matter, kept so listings need not re-parse the source. */
  frontMatter: JsonValue;
  message: string | null;
  author: string | null;
  createdAt: string;
}

export interface NewStoredPromptVersion {
  /** Defaults to `default`. */
  projectId?: string;
  promptId: string;
  version: string;
  hash: string;
  source: string;
  frontMatter: JsonValue;
  message?: string | null;
  author?: string | null;
}

/**
 * How `createVersion` ended: `created`; `exists` (the same version with the same hash was already
 * there: a repeated push, nothing written); `conflict` (the version exists with another hash: versions
 * are immutable, the stored one is returned).
 */
export type CreatePromptVersionResult =
  | { outcome: "created"; version: StoredPromptVersion }
  | { outcome: "exists"; version: StoredPromptVersion }
  | { outcome: "conflict"; version: StoredPromptVersion };

/** Where a label points now. */
export interface StoredPromptLabel {
  projectId: string;
  promptId: string;
  label: string;
  version: string;
  /** The hash of the version the label points to (denormalised for drift checks). */
  hash: string;
  updatedAt: string;
  updatedBy: string | null;
}

/** One move of a label (also its first placement), kept forever: the drift check reads it. */
export interface StoredPromptLabelEvent {
  /** Increasing per store. */
  sequence: number;
  projectId: string;
  promptId: string;
  label: string;
  /** The version before the move, null when the label was new. */
  fromVersion: string | null;
  toVersion: string;
  /** The hash of `toVersion`. */
  toHash: string;
  /** `label` (a person or a tool moved it) or `deploy` (a release moved it). */
  kind: "label" | "deploy";
  actor: string | null;
  /** Gate results and anything else worth keeping about the move. */
  details: JsonValue;
  at: string;
}

export interface PromptLabelMove {
  projectId?: string;
  promptId: string;
  label: string;
  version: string;
  kind?: "label" | "deploy";
  actor?: string | null;
  details?: JsonValue;
}

/** A prompt as listed: its newest version and where its labels point. */
export interface StoredPromptSummary {
  projectId: string;
  promptId: string;
  latestVersion: string;
  latestHash: string;
  description: string | null;
  versions: number;
  labels: Record<string, string>;
  updatedAt: string;
}

/** A consumer's contract on a prompt's output, registered through the API (files live in the workspace). */
export interface StoredPromptConsumer {
  projectId: string;
  promptId: string;
  consumer: string;
  /** The contract as given (src/prompts validates its shape). */
  contract: JsonValue;
  updatedAt: string;
}

/** Model calls that carried one hash of a prompt (spans with `gantry.prompt.hash`). */
export interface PromptHashUsage {
  promptId: string;
  hash: string;
  /** Model-call (`chat`) spans. */
  calls: number;
  /** Distinct traces those calls belong to (one per run or request). */
  traces: number;
  /** Sum of the known costs, integer micro-USD. */
  costMicros: number;
  /** Calls whose span status is `error`. */
  errors: number;
  /** Mean duration of the ended calls, ms; null when none ended. */
  meanDurationMs: number | null;
  firstSeenMs: number;
  lastSeenMs: number;
  /** Online eval scores of the traces those calls belong to (absent when none was scored). */
  onlineScore?: { mean: number; count: number };
}

export interface PromptUsageQuery {
  projectId?: string;
  /** Only this prompt. */
  promptId?: string;
  /** Only spans whose `environment` column equals this (e.g. `production`). */
  environment?: string;
  /** Only spans that started at or after this epoch ms. */
  sinceMs?: number;
  /** Also join the online eval scores of the traces (`onlineScore`); off for callers that only count calls. */
  withScores?: boolean;
}

export interface PromptsRepository {
  /** Writes a version unless it exists; see `CreatePromptVersionResult`. Atomic across processes. */
  createVersion(input: NewStoredPromptVersion): Promise<CreatePromptVersionResult>;
  getVersion(promptId: string, version: string, projectId?: string): Promise<StoredPromptVersion | undefined>;
  /** Every version of a prompt, newest first (by semver precedence). */
  listVersions(promptId: string, projectId?: string): Promise<StoredPromptVersion[]>;
  /** Every prompt with at least one version, by id. */
  list(projectId?: string): Promise<StoredPromptSummary[]>;

  getLabel(promptId: string, label: string, projectId?: string): Promise<StoredPromptLabel | undefined>;
  listLabels(promptId: string, projectId?: string): Promise<StoredPromptLabel[]>;
  /**
   * Points a label at an existing version and appends the move to the label history in the same
   * transaction. Returns undefined (nothing written) when the version does not exist. Moving a label
   * to where it already points writes no event and returns the label unchanged.
   */
  moveLabel(move: PromptLabelMove): Promise<StoredPromptLabel | undefined>;
  /** Label history, oldest first; filter by prompt, label, and `since` (inclusive ISO time). */
  labelEvents(options?: {
    projectId?: string;
    promptId?: string;
    label?: string;
    since?: string;
  }): Promise<StoredPromptLabelEvent[]>;

  putConsumer(input: {
    projectId?: string;
    promptId: string;
    consumer: string;
    contract: JsonValue;
  }): Promise<StoredPromptConsumer>;
  listConsumers(promptId: string, projectId?: string): Promise<StoredPromptConsumer[]>;
  /** True when it existed. */
  deleteConsumer(promptId: string, consumer: string, projectId?: string): Promise<boolean>;

  /**
   * Model calls grouped by (prompt id, hash), from the spans' `prompt_id`/`prompt_hash` columns:
   * per-version metrics for the dashboard and the hashes the drift check compares with the labels.
   * Ordered by prompt id, then last seen (newest first).
   */
  usageByHash(query?: PromptUsageQuery): Promise<PromptHashUsage[]>;
}
