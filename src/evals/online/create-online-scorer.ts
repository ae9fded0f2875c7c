import { GantryError, isoNow, type OnlineRuleConfig, systemClock } from "../../core/index.js";
import { defaultProjectId } from "../../store/index.js";
import { DailyJudgeBudget, meterJudge } from "./judge-budget.js";
import type { OnlineScorer, OnlineScorerOptions, OnlineTickReport } from "./online-scorer-spec.js";
import { checkScoreDrops } from "./score-drop-alerts.js";
import { type RuleContext, type RuleState, scoreOnlineRule } from "./score-online-rule.js";

// Online scoring of production runs, off the request path: the server calls `tick()` on a timer.
// Rules run one after another and each on its own: a rule that fails (bad scorer specs, a store
// error) is reported and the others still run; its cursor stays where it was, so it retries.

const hourMs = 3_600_000;

function describeError(error: unknown): { message: string; code?: string } {
  if (GantryError.isInstance(error)) return { message: error.message, code: error.code };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** Scores sampled production runs against the workspace's online rules, and alerts on drops. */
export function createOnlineScorer(options: OnlineScorerOptions): OnlineScorer {
  const clock = options.clock ?? systemClock;
  const projectId = options.projectId ?? defaultProjectId;
  const context: RuleContext = {
    store: options.store,
    telemetry: options.telemetry,
    clock,
    projectId,
    initialLookbackMs: options.initialLookbackMs ?? 24 * hourMs,
    pendingWaitMs: options.pendingWaitMs ?? hourMs,
    settleMs: options.settleMs ?? 15_000,
    maxTracesPerTick: options.maxTracesPerTick ?? 200,
  };
  const states = new Map<string, RuleState>();
  let running: Promise<OnlineTickReport> | undefined;

  async function stateOf(rule: OnlineRuleConfig): Promise<RuleState> {
    const known = states.get(rule.name);
    if (known !== undefined) return known;
    const state: RuleState = {
      rule,
      scorers: await options.buildScorers(rule.scorers, rule),
      budget: new DailyJudgeBudget({
        evals: options.store.evals,
        projectId,
        rule: rule.name,
        capMicros: Math.round(rule.judgeBudgetUsd * 1e6),
        clock,
      }),
      judge: options.judge === undefined ? undefined : meterJudge(options.judge),
      done: new Map(),
    };
    states.set(rule.name, state);
    return state;
  }

  async function runTick(): Promise<OnlineTickReport> {
    const report: OnlineTickReport = {
      startedAt: isoNow(clock),
      finishedAt: "",
      rules: [],
      alerts: [],
      errors: [],
    };
    for (const rule of options.config.online) {
      try {
        report.rules.push(await scoreOnlineRule(context, await stateOf(rule)));
      } catch (error) {
        report.errors.push({ rule: rule.name, stage: "score", ...describeError(error) });
      }
    }
    for (const rule of options.config.online) {
      try {
        const raised = await checkScoreDrops({
          evals: options.store.evals,
          alerts: options.store.alerts,
          projectId,
          rule: rule.name,
          alertDrop: options.config.alertDrop,
          clock,
        });
        report.alerts.push(...raised);
      } catch (error) {
        report.errors.push({ rule: rule.name, stage: "alert", ...describeError(error) });
      }
    }
    report.finishedAt = isoNow(clock);
    return report;
  }

  return {
    tick() {
      running ??= runTick().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
