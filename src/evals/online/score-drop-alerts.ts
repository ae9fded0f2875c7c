import { type Clock, isoNow } from "../../core/index.js";
import type { AlertsRepository, EvalsRepository } from "../../store/index.js";
import type { OnlineDropAlert } from "./online-scorer-spec.js";

// A rule's scorer whose mean over the last 7 days (of trace time) fell by at least `alertDrop` below
// the 7 days before raises an `eval-score-drop` alert; a repeat while it stays low bumps the open one.

const weekMs = 7 * 86_400_000;
/** Fewer scores than this in either week say nothing about a drop. */
export const minimumScoresPerWindow = 5;
// Means are float sums: a drop of exactly `alertDrop` must not miss by a rounding error.
const tolerance = 1e-9;

export interface DropCheckInput {
  evals: Pick<EvalsRepository, "onlineScoreStatsByScorer">;
  alerts: Pick<AlertsRepository, "report">;
  projectId: string;
  rule: string;
  alertDrop: number;
  clock: Clock;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** Compares every scorer of a rule week over week and reports the drops. */
export async function checkScoreDrops(input: DropCheckInput): Promise<OnlineDropAlert[]> {
  const now = input.clock.now();
  const range = { projectId: input.projectId, rule: input.rule };
  const current = await input.evals.onlineScoreStatsByScorer({ ...range, fromMs: now - weekMs, toMs: now });
  const baseline = await input.evals.onlineScoreStatsByScorer({
    ...range,
    fromMs: now - 2 * weekMs,
    toMs: now - weekMs,
  });
  const raised: OnlineDropAlert[] = [];
  for (const [scorer, before] of Object.entries(baseline)) {
    const after = current[scorer];
    if (
      after === undefined ||
      before.count < minimumScoresPerWindow ||
      after.count < minimumScoresPerWindow
    ) {
      continue;
    }
    const baselineMean = before.mean!;
    const currentMean = after.mean!;
    if (baselineMean <= 0) continue;
    const drop = (baselineMean - currentMean) / baselineMean;
    if (drop <= 0 || drop < input.alertDrop - tolerance) continue;
    const { opened } = await input.alerts.report({
      projectId: input.projectId,
      kind: "eval-score-drop",
      key: `${input.rule}:${scorer}`,
      severity: "warning",
      title:
        `Online eval rule ${input.rule}: ${scorer} averaged ${currentMean.toFixed(3)} over the last 7 days, ` +
        `down ${percent(drop)} from ${baselineMean.toFixed(3)} the 7 days before`,
      details: {
        rule: input.rule,
        scorer,
        currentMean,
        baselineMean,
        drop,
        alertDrop: input.alertDrop,
        currentCount: after.count,
        baselineCount: before.count,
        currentFrom: new Date(now - weekMs).toISOString(),
        baselineFrom: new Date(now - 2 * weekMs).toISOString(),
      },
      at: isoNow(input.clock),
    });
    raised.push({ rule: input.rule, scorer, baselineMean, currentMean, drop, opened });
  }
  return raised;
}
