import type { Clock, OnlineRuleConfig } from "../../core/index.js";
import type { RunRecord, SpanRecord } from "../../store/index.js";
import type { Telemetry } from "../../telemetry/index.js";
import type { ScoreResult, Scorer } from "../eval-spec.js";
import { emitEvaluationSpan, evaluationSpanRecord } from "./evaluation-span.js";
import { type DailyJudgeBudget, isJudgeScorer, type JudgeSpend, type MeteredJudge } from "./judge-budget.js";
import { onlineScoreKey } from "./online-score-key.js";
import type { OnlineRuleReport, OnlineScorerOptions } from "./online-scorer-spec.js";
import { productionCase } from "./production-case.js";
import { runStartMs, runsSince } from "./runs-since.js";
import { isTraceSampled } from "./sample-trace.js";
import { traceEnvironment, traceRoot } from "./trace-root.js";

// One tick of one rule: read the runs that finished since the rule's cursor, sample them by trace id,
// score the sampled ones, store the scores, write the verdicts into their traces, move the cursor.
//
// The cursor is a run start time, read inclusively, and it never passes a run that may still need
// scoring: one still running (for up to `pendingWaitMs`), one finished too recently for its spans to
// have been exported (`settleMs`), or one left over when `maxTracesPerTick` was reached. Runs at or
// after it are read again next tick, so a trace is checked against the rule's stored scores (and this
// process's memory of what it scored) before it is scored: nothing is scored twice.

const unfinishedStatuses = ["queued", "running", "paused"] as const;

/** What a rule keeps between ticks. */
export interface RuleState {
  rule: OnlineRuleConfig;
  scorers: Scorer[];
  budget: DailyJudgeBudget;
  judge: MeteredJudge | undefined;
  /** Trace id → run start of traces this process scored (or found scored) at or after the cursor. */
  done: Map<string, number>;
}

export interface RuleContext {
  store: OnlineScorerOptions["store"];
  telemetry: Pick<Telemetry, "tracer"> | undefined;
  clock: Clock;
  projectId: string;
  initialLookbackMs: number;
  pendingWaitMs: number;
  settleMs: number;
  maxTracesPerTick: number;
}

function emptyReport(state: RuleState, cursorMs: number): OnlineRuleReport {
  return {
    rule: state.rule.name,
    considered: 0,
    sampled: 0,
    skippedEnvironment: 0,
    skippedNoTrace: 0,
    alreadyScored: 0,
    scoredTraces: 0,
    scores: 0,
    inconclusive: 0,
    judgeSkipped: 0,
    judgeCostMicros: 0,
    judgeSpentTodayMicros: 0,
    judgeBudgetMicros: Math.round(state.rule.judgeBudgetUsd * 1e6),
    spans: 0,
    problems: [],
    cursorMs,
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const noSpend: JudgeSpend = { costMicros: 0, calls: 0, unpricedCalls: 0 };

/** Scores one rule's new production runs; throws only when the rule cannot run at all. */
export async function scoreOnlineRule(context: RuleContext, state: RuleState): Promise<OnlineRuleReport> {
  const { store, clock, projectId } = context;
  const rule = state.rule;
  const now = clock.now();
  const storedCursor = await store.evals.getOnlineCursor(rule.name, projectId);
  const floorMs = storedCursor > 0 ? storedCursor : now - context.initialLookbackMs;
  const report = emptyReport(state, storedCursor);
  const filter = { projectId, ...(rule.filter.agent === undefined ? {} : { agent: rule.filter.agent }) };
  const finished = await runsSince(
    store.runs,
    { ...filter, status: rule.filter.status === undefined ? ["completed", "failed"] : [rule.filter.status] },
    floorMs,
  );
  const unfinished = await runsSince(
    store.runs,
    { ...filter, status: [...unfinishedStatuses] },
    Math.max(floorMs, now - context.pendingWaitMs),
  );
  const holds = unfinished.map(runStartMs);
  if (state.scorers.some(isJudgeScorer)) await state.budget.refresh();

  for (const run of finished) {
    // Spans are exported in batches after the run is saved: give them time to land before judging the trace.
    if (Date.parse(run.updatedAt) > now - context.settleMs) {
      holds.push(runStartMs(run));
      continue;
    }
    if (report.scoredTraces >= context.maxTracesPerTick) {
      holds.push(runStartMs(run));
      break;
    }
    report.considered += 1;
    await considerRun(context, state, run, report);
  }

  const cursorMs = Math.max(floorMs, Math.min(now - context.settleMs, ...holds));
  await store.evals.setOnlineCursor(rule.name, cursorMs, projectId);
  for (const [traceId, startMs] of state.done) if (startMs < cursorMs) state.done.delete(traceId);
  report.cursorMs = cursorMs;
  report.judgeSpentTodayMicros = state.budget.spentMicros();
  return report;
}

async function considerRun(
  context: RuleContext,
  state: RuleState,
  run: RunRecord,
  report: OnlineRuleReport,
): Promise<void> {
  const { store, projectId } = context;
  const rule = state.rule;
  const traceId = run.traceId;
  if (traceId === null) {
    // Sampling is by trace id and verdicts go into the trace: a run without one cannot be scored.
    report.skippedNoTrace += 1;
    return;
  }
  if (!isTraceSampled(traceId, rule.sampleRate)) return;
  report.sampled += 1;
  if (state.done.has(traceId)) {
    report.alreadyScored += 1;
    return;
  }
  const existing = await store.evals.listOnlineScores({ projectId, rule: rule.name, traceId, limit: 1 });
  if (existing.length > 0) {
    state.done.set(traceId, runStartMs(run));
    report.alreadyScored += 1;
    return;
  }
  const spans = await store.spans.getTrace(traceId);
  const root = traceRoot(spans);
  if (rule.filter.environment !== undefined && traceEnvironment(spans, root) !== rule.filter.environment) {
    state.done.set(traceId, runStartMs(run));
    report.skippedEnvironment += 1;
    return;
  }
  await scoreTrace(context, state, run, traceId, root, report);
  state.done.set(traceId, runStartMs(run));
}

async function scoreTrace(
  context: RuleContext,
  state: RuleState,
  run: RunRecord,
  traceId: string,
  root: SpanRecord | undefined,
  report: OnlineRuleReport,
): Promise<void> {
  const { store, projectId } = context;
  const { testCase, output } = productionCase(run, traceId);
  const traceStartMs = root?.startTimeMs ?? runStartMs(run);
  const verdicts: ScoreResult[] = [];
  for (const scorer of state.scorers) {
    if (isJudgeScorer(scorer) && (await state.budget.refusal()) !== null) {
      report.judgeSkipped += 1;
      continue;
    }
    state.judge?.take();
    let results: ScoreResult[] = [];
    try {
      results = await scorer.score({ testCase, output, judge: state.judge?.judge });
    } catch (error) {
      report.problems.push({ traceId, scorer: scorer.name, message: message(error) });
    }
    const spend = state.judge?.take() ?? noSpend;
    // What judging cost is stored on the first score it produced, so the store sums a day's spend.
    let unstoredMicros = spend.costMicros;
    for (const result of results) {
      if (!(Number.isFinite(result.value) && result.value >= 0 && result.value <= 1)) {
        report.problems.push({
          traceId,
          scorer: scorer.name,
          message: `gave ${result.value}, not a score from 0 to 1`,
        });
        continue;
      }
      verdicts.push(result);
      if (result.inconclusive) {
        report.inconclusive += 1;
        continue;
      }
      await store.evals.insertOnlineScore({
        projectId,
        rule: state.rule.name,
        scorer: onlineScoreKey(result),
        traceId,
        value: result.value,
        passed: result.passed,
        reason: result.reason ?? null,
        costMicros: unstoredMicros,
        traceStartMs,
      });
      unstoredMicros = 0;
      report.scores += 1;
    }
    if (spend.calls > 0) state.budget.record(spend, spend.costMicros - unstoredMicros);
    report.judgeCostMicros += spend.costMicros;
  }
  report.scoredTraces += 1;
  if (root === undefined || verdicts.length === 0) return;
  const span = { rule: state.rule.name, projectId, root, results: verdicts, scoredAtMs: context.clock.now() };
  if (context.telemetry !== undefined) emitEvaluationSpan(context.telemetry, span);
  else await store.spans.insert(evaluationSpanRecord(span));
  report.spans += 1;
}
