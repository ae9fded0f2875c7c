import type { Clock, EvalsConfig, OnlineRuleConfig } from "../../core/index.js";
import type { Store } from "../../store/index.js";
import type { Telemetry } from "../../telemetry/index.js";
import type { JudgeClient, Scorer } from "../eval-spec.js";

// The shapes of online scoring: what `createOnlineScorer` takes and what each tick reports.

export interface OnlineScorerOptions {
  store: Pick<Store, "runs" | "spans" | "evals" | "alerts">;
  /** The workspace's `evals` config: the rules, the alert drop. */
  config: EvalsConfig;
  /**
   * Builds a rule's scorers from its specs (src/evals/scorers' `buildScorers`, told where the specs
   * come from: `evals.online`, the rule's name); called once per rule, and again each tick while it throws.
   */
  buildScorers: (specs: Record<string, unknown>[], rule: OnlineRuleConfig) => Scorer[] | Promise<Scorer[]>;
  /** The judge model for llm-rubric and pairwise scorers; without it they answer inconclusive. */
  judge?: JudgeClient;
  /**
   * When given, evaluation spans go out through its tracer (to the store and any OTLP collector it
   * exports to); without it they are inserted into the store directly.
   */
  telemetry?: Pick<Telemetry, "tracer">;
  clock?: Clock;
  /** The project whose runs are scored (default `default`). */
  projectId?: string;
  /** How far back a rule's first tick looks (default 24 hours). */
  initialLookbackMs?: number;
  /**
   * How long an unfinished run holds a rule's cursor back so it is scored once it finishes (default
   * 1 hour); a run unfinished for longer is passed by.
   */
  pendingWaitMs?: number;
  /** How long after a run is saved its trace is left to finish exporting before it is scored (default 15 s). */
  settleMs?: number;
  /** Most traces one rule scores in one tick; the rest wait for the next (default 200). */
  maxTracesPerTick?: number;
}

/** A scorer that threw, or gave a value outside 0..1, on one trace: recorded, the others go on. */
export interface OnlineScoringProblem {
  traceId: string;
  scorer: string;
  message: string;
}

export interface OnlineRuleReport {
  rule: string;
  /** Finished runs since the cursor that matched the agent and status filters. */
  considered: number;
  /** Of those, the ones the sample rate picked. */
  sampled: number;
  /** Sampled, but the trace's environment did not match the filter (or no span named one). */
  skippedEnvironment: number;
  /** Sampled, but without a trace id to score against. */
  skippedNoTrace: number;
  /** Sampled and already scored by this rule (an earlier tick, another replica). */
  alreadyScored: number;
  /** Traces scored in this tick. */
  scoredTraces: number;
  /** Scores stored (one per scorer, one per dimension of a judge). */
  scores: number;
  /** Results that could not decide (judge unavailable…): in the trace, not stored as scores. */
  inconclusive: number;
  /** Judge scorer runs skipped because today's judge budget was spent (or a judge could not be priced). */
  judgeSkipped: number;
  judgeCostMicros: number;
  /** Today's judge spend after this tick, and the cap. */
  judgeSpentTodayMicros: number;
  judgeBudgetMicros: number;
  /** Evaluation spans written into traces. */
  spans: number;
  problems: OnlineScoringProblem[];
  /** The cursor after this tick (epoch ms of run start). */
  cursorMs: number;
}

export interface OnlineDropAlert {
  rule: string;
  scorer: string;
  baselineMean: number;
  currentMean: number;
  /** (baseline − current) / baseline. */
  drop: number;
  /** True when this tick opened the alert, false when it bumped an open one. */
  opened: boolean;
}

export interface OnlineTickReport {
  startedAt: string;
  finishedAt: string;
  rules: OnlineRuleReport[];
  alerts: OnlineDropAlert[];
  /** A rule that failed as a whole (store unreachable, scorer specs invalid…); the others still ran. */
  errors: { rule: string; stage: "score" | "alert"; message: string; code?: string }[];
}

export interface OnlineScorer {
  /** Scores what finished since the last tick and checks for drops; a tick already running is joined. */
  tick(): Promise<OnlineTickReport>;
}
