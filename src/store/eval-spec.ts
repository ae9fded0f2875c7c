import type { JsonValue } from "../core/index.js";

// Contract of the evals storage: dataset versions (content-addressed), eval runs with their per-case
// results (so a run resumes and two runs compare), and online scores of production traces with the
// cursor each online rule has reached. Only storage: scoring, gating and statistics belong to src/evals.

/** One version of a dataset: its cases as they were, addressed by the hash of their canonical JSON. */
export interface StoredDatasetVersion {
  projectId: string;
  name: string;
  /** sha256 hex of the canonical JSON of `cases`. */
  hash: string;
  cases: JsonValue[];
  /** Where it was read from (`evals/triage.yaml`), or `api`. */
  origin: string | null;
  createdAt: string;
}

export const evalRunStatuses = ["running", "completed", "failed", "cancelled"] as const;
export type EvalRunStatus = (typeof evalRunStatuses)[number];

export interface StoredEvalRun {
  id: string;
  projectId: string;
  suite: string;
  /** The dataset version the run pinned. */
  datasetName: string;
  datasetHash: string;
  status: EvalRunStatus;
  /** What the run runs against and how (target, scorers, thresholds, trials, judge…), as resolved. */
  config: JsonValue;
  /** Totals, rates, intervals, cost and latency once finished (src/evals shapes it). */
  summary: JsonValue | null;
  /** A name to compare against later (`main`, `baseline`, a git sha); the newest run with it wins. */
  label: string | null;
  baselineRunId: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface NewEvalRun {
  id?: string;
  projectId?: string;
  suite: string;
  datasetName: string;
  datasetHash: string;
  config: JsonValue;
  label?: string | null;
  baselineRunId?: string | null;
}

export interface EvalRunUpdate {
  status?: EvalRunStatus;
  summary?: JsonValue | null;
  label?: string | null;
  finishedAt?: string | null;
}

/** One trial of one case in a run. */
export interface StoredEvalResult {
  runId: string;
  caseId: string;
  /** 0-based. */
  trial: number;
  passed: boolean;
  /** A judge or provider could not answer: neither passed nor failed. */
  inconclusive: boolean;
  /** The target's output (text or JSON), tool calls, finish reason, error… (src/evals shapes it). */
  output: JsonValue;
  /** Every scorer's result for this trial. */
  scores: JsonValue;
  costMicros: number | null;
  latencyMs: number | null;
  traceId: string | null;
  createdAt: string;
}

export type NewEvalResult = Omit<StoredEvalResult, "createdAt">;

/** A score an online rule gave a production trace. */
export interface StoredOnlineScore {
  id: string;
  projectId: string;
  rule: string;
  scorer: string;
  traceId: string;
  /** 0..1. */
  value: number;
  passed: boolean;
  reason: string | null;
  /** What judging it cost (integer micro-USD), 0 for deterministic scorers. */
  costMicros: number;
  /** The scored trace's start (epoch ms): rolling means are over trace time, not scoring time. */
  traceStartMs: number;
  createdAt: string;
}

export type NewOnlineScore = Omit<StoredOnlineScore, "id" | "createdAt" | "projectId"> & {
  projectId?: string;
};

export interface OnlineScoreStats {
  count: number;
  mean: number | null;
  costMicros: number;
  /** The dearest single score (0 when none): a judge's cost sits on one score, so this is the dearest judging. */
  maxCostMicros: number;
}

/** Which time a stats range is over: the scored trace's start (default) or when the score was written. */
export type OnlineStatsTime = "trace-start" | "scored-at";

export interface EvalsRepository {
  /** Stores a dataset version unless that (name, hash) exists; returns the stored one either way. */
  putDataset(input: {
    projectId?: string;
    name: string;
    hash: string;
    cases: JsonValue[];
    origin?: string | null;
  }): Promise<StoredDatasetVersion>;
  getDataset(name: string, hash: string, projectId?: string): Promise<StoredDatasetVersion | undefined>;
  /** Newest first. */
  listDatasets(name?: string, projectId?: string): Promise<StoredDatasetVersion[]>;

  createRun(input: NewEvalRun): Promise<StoredEvalRun>;
  getRun(id: string): Promise<StoredEvalRun | undefined>;
  updateRun(id: string, update: EvalRunUpdate): Promise<StoredEvalRun | undefined>;
  /** Newest first; `limit` 1..500 (default 50). */
  listRuns(options?: {
    projectId?: string;
    suite?: string;
    label?: string;
    status?: EvalRunStatus;
    limit?: number;
  }): Promise<StoredEvalRun[]>;

  /** Writes one trial's result; a repeat of (run, case, trial) replaces it (a resumed run redoes it). */
  putResult(result: NewEvalResult): Promise<void>;
  /** Ordered by case id, then trial. */
  listResults(runId: string): Promise<StoredEvalResult[]>;

  insertOnlineScore(score: NewOnlineScore): Promise<StoredOnlineScore>;
  listOnlineScores(options?: {
    projectId?: string;
    rule?: string;
    traceId?: string;
    sinceMs?: number;
    limit?: number;
  }): Promise<StoredOnlineScore[]>;
  /**
   * Mean and count of a rule's scores (optionally one scorer) over traces started in [fromMs, toMs);
   * with `by: "scored-at"`, over scores written in [fromMs, toMs) instead (a day's judge spend).
   */
  onlineScoreStats(options: {
    projectId?: string;
    rule: string;
    scorer?: string;
    fromMs: number;
    toMs: number;
    by?: OnlineStatsTime;
  }): Promise<OnlineScoreStats>;
  /** `onlineScoreStats` of every scorer of a rule with scores in the range, keyed by scorer. */
  onlineScoreStatsByScorer(options: {
    projectId?: string;
    rule: string;
    fromMs: number;
    toMs: number;
    by?: OnlineStatsTime;
  }): Promise<Record<string, OnlineScoreStats>>;
  /** Where a rule's scan of traces has reached (epoch ms of the last trace start considered), 0 if never. */
  getOnlineCursor(rule: string, projectId?: string): Promise<number>;
  setOnlineCursor(rule: string, positionMs: number, projectId?: string): Promise<void>;
}
