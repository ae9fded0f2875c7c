import type { Clock } from "../../core/index.js";
import type { EvalsRepository } from "../../store/index.js";
import type { JudgeClient, Scorer } from "../eval-spec.js";

// A rule's judges may spend at most its daily budget (UTC day). The spend is what scores written
// today cost (re-read from the store every tick, so replicas and restarts see each other's spend) plus
// what this process spent on judging that left no score behind. Fail closed: a judge scorer runs only
// while today's spend plus the dearest judge scoring seen so far stays within the cap, and an unpriced judge
// call stops judging for the day, since its spend can no longer be known.

const dayMs = 86_400_000;

/** Scorer types that ask a judge model, and so spend money. */
export const judgeScorerTypes: readonly string[] = ["llm-rubric", "pairwise"];

export function isJudgeScorer(scorer: Pick<Scorer, "type">): boolean {
  return judgeScorerTypes.includes(scorer.type);
}

/** What judge calls cost since the last `take()`. */
export interface JudgeSpend {
  costMicros: number;
  calls: number;
  /** Calls whose cost the judge could not price. */
  unpricedCalls: number;
}

/** A judge client that adds up what its calls cost, so the budget measures spend at the model seam. */
export interface MeteredJudge {
  judge: JudgeClient;
  take(): JudgeSpend;
}

export function meterJudge(judge: JudgeClient): MeteredJudge {
  let spend: JudgeSpend = { costMicros: 0, calls: 0, unpricedCalls: 0 };
  return {
    judge: {
      model: judge.model,
      async complete(request) {
        const answer = await judge.complete(request);
        spend.calls += 1;
        if (answer.costMicros === null) spend.unpricedCalls += 1;
        else spend.costMicros += answer.costMicros;
        return answer;
      },
    },
    take() {
      const taken = spend;
      spend = { costMicros: 0, calls: 0, unpricedCalls: 0 };
      return taken;
    },
  };
}

export type JudgeRefusal = "budget" | "unpriced";

/** One rule's daily judge budget in one process. */
export class DailyJudgeBudget {
  private day = -1;
  private storedMicros = 0;
  private unstoredMicros = 0;
  private sinceRefreshMicros = 0;
  private largestScoringMicros = 0;
  private unpricedDay = -1;

  constructor(
    private readonly options: {
      evals: Pick<EvalsRepository, "onlineScoreStats">;
      projectId: string;
      rule: string;
      capMicros: number;
      clock: Clock;
    },
  ) {}

  /** Re-reads today's stored spend; call once per tick before judging. */
  async refresh(): Promise<void> {
    const now = this.options.clock.now();
    const day = Math.floor(now / dayMs);
    if (day !== this.day) {
      this.day = day;
      this.unstoredMicros = 0;
    }
    const stats = await this.options.evals.onlineScoreStats({
      projectId: this.options.projectId,
      rule: this.options.rule,
      fromMs: day * dayMs,
      toMs: (day + 1) * dayMs,
      by: "scored-at",
    });
    this.storedMicros = stats.costMicros;
    this.sinceRefreshMicros = 0;
    // A fresh process learns the dearest judging from the store, so a restart cannot overshoot the cap.
    this.largestScoringMicros = Math.max(this.largestScoringMicros, stats.maxCostMicros);
  }

  /** Spent today, as far as this process knows. */
  spentMicros(): number {
    return this.storedMicros + this.unstoredMicros + this.sinceRefreshMicros;
  }

  /** Why the next judge call may not run, or null when it may. */
  async refusal(): Promise<JudgeRefusal | null> {
    if (Math.floor(this.options.clock.now() / dayMs) !== this.day) await this.refresh();
    if (this.unpricedDay === this.day) return "unpriced";
    const spent = this.spentMicros();
    return spent >= this.options.capMicros || spent + this.largestScoringMicros > this.options.capMicros
      ? "budget"
      : null;
  }

  /** Counts what one scorer's judge calls cost; `storedMicros` of it landed on a stored score. */
  record(spend: JudgeSpend, storedMicros: number): void {
    this.sinceRefreshMicros += storedMicros;
    this.unstoredMicros += spend.costMicros - storedMicros;
    this.largestScoringMicros = Math.max(this.largestScoringMicros, spend.costMicros);
    if (spend.unpricedCalls > 0) this.unpricedDay = this.day;
  }
}
