import type { JsonValue } from "../core/index.js";
import type { Page } from "./page.js";

// Contract of the runs repository: one row per agent run, its input, output and serialised state.

/** Where a run is in its life. `paused` waits on an approval or a budget decision. */
export const runStatuses = ["queued", "running", "paused", "completed", "failed", "cancelled"] as const;
export type RunStatus = (typeof runStatuses)[number];

export interface RunRecord {
  id: string;
  projectId: string;
  agent: string;
  agentVersion: string | null;
  status: RunStatus;
  input: JsonValue;
  output: JsonValue | null;
  /** Serialised run state; its shape is versioned by `schemaVersion`. */
  state: JsonValue | null;
  schemaVersion: number;
  parentRunId: string | null;
  sessionId: string | null;
  traceId: string | null;
  /** Integer micro-USD spent so far. */
  costMicros: number;
  error: JsonValue | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewRun {
  id?: string;
  /** Defaults to `default`. */
  projectId?: string;
  agent: string;
  agentVersion?: string | null;
  status?: RunStatus;
  input: JsonValue;
  state?: JsonValue | null;
  schemaVersion?: number;
  parentRunId?: string | null;
  sessionId?: string | null;
  traceId?: string | null;
}

/** Fields a run may change after creation; omitted fields keep their value. */
export interface RunUpdate {
  status?: RunStatus;
  output?: JsonValue | null;
  state?: JsonValue | null;
  schemaVersion?: number;
  error?: JsonValue | null;
  costMicros?: number;
  traceId?: string | null;
}

export interface RunListOptions {
  projectId?: string;
  agent?: string;
  status?: RunStatus | RunStatus[];
  sessionId?: string;
  /** 1..500, default 50. */
  limit?: number;
  /** `nextCursor` of the previous page; opaque. */
  cursor?: string | null;
}

export interface RunsRepository {
  create(input: NewRun): Promise<RunRecord>;
  get(id: string): Promise<RunRecord | undefined>;
  /** Applies the changes and bumps `updatedAt`; throws `RUN_NOT_FOUND` for an unknown id. */
  update(id: string, changes: RunUpdate): Promise<RunRecord>;
  /** `update` without reading the run back: the runtime's checkpoint path. Throws `RUN_NOT_FOUND` alike. */
  save(id: string, changes: RunUpdate): Promise<void>;
  /** Newest first (id descending). */
  list(options?: RunListOptions): Promise<Page<RunRecord>>;
}
