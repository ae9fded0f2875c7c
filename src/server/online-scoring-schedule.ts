import type { Clock, EvalsConfig, Workspace } from "../core/index.js";
import {
  buildScorers,
  createOnlineScorer,
  judgeModelFor,
  modelJudgeClient,
  type OnlineScorer,
  type OnlineTickReport,
} from "../evals/index.js";
import { configuredModels, type ModelAccess } from "../models/index.js";
import type { Store } from "../store/index.js";
import type { Telemetry } from "../telemetry/index.js";
import { idleTask, schedulePeriodic } from "./periodic-task.js";

// `gantry up` scores sampled production runs on a timer, off the request path, so a rule's scores and
// drop alerts appear without anyone running a command. A failed tick (or a rule that failed inside
// one) is logged and the next tick tries again: scoring must never stop the server.

export interface OnlineScoringScheduleOptions {
  /** `evals.online` (the rules) and `evals.onlineIntervalSeconds` (0 turns it off). */
  settings: Pick<EvalsConfig, "online" | "onlineIntervalSeconds">;
  /** Built only when there is something to schedule. */
  createScorer: () => OnlineScorer;
  /** Where a failed tick or rule is told; `console.error` by default. */
  onError?: (message: string, error?: unknown) => void;
  /** Every finished tick's report (tests, logs). */
  onTick?: (report: OnlineTickReport) => void;
}

export interface OnlineScoringSchedule {
  /** Stops the timer and waits for a tick in progress, so the store can close after it. */
  stop(): Promise<void>;
}

/** The online scorer of a workspace: its rules' scorers built from their specs, judged by a model of another family. */
export function createWorkspaceOnlineScorer(parts: {
  workspace: Workspace;
  store: Pick<Store, "runs" | "spans" | "evals" | "alerts">;
  models: ModelAccess;
  telemetry?: Telemetry;
  clock?: Clock;
}): OnlineScorer {
  const { config, root } = parts.workspace;
  // Production agents run on the default model unless they say otherwise; the judge avoids its family.
  const judge = judgeModelFor(
    config.models.default,
    configuredModels(config.models),
    config.evals.judge.model,
  );
  return createOnlineScorer({
    store: parts.store,
    config: config.evals,
    buildScorers: (specs, rule) => buildScorers(specs, { root, where: `evals.online rule ${rule.name}` }),
    judge: modelJudgeClient(parts.models.client, judge.model),
    ...(parts.telemetry ? { telemetry: parts.telemetry } : {}),
    ...(parts.clock ? { clock: parts.clock } : {}),
  });
}

/** Calls `tick()` every `onlineIntervalSeconds` on an unref'd timer while rules exist; off at 0 or with none. */
export function scheduleOnlineScoring(options: OnlineScoringScheduleOptions): OnlineScoringSchedule {
  const { online, onlineIntervalSeconds } = options.settings;
  if (onlineIntervalSeconds <= 0 || online.length === 0) return idleTask;
  const onError =
    options.onError ??
    ((message: string, error?: unknown) => console.error(`[gantry] ${message}`, error ?? ""));
  const scorer = options.createScorer();
  const tick = async () => {
    const report = await scorer.tick();
    for (const failure of report.errors) {
      onError(
        `online scoring rule ${failure.rule} failed (${failure.stage}): ${failure.code ? `${failure.code}: ` : ""}${failure.message}`,
      );
    }
    options.onTick?.(report);
  };
  // A tick is joined, never started twice; skipping keeps a slow judge from piling ticks up.
  return schedulePeriodic(onlineIntervalSeconds * 1000, tick, (error) =>
    onError("online scoring tick failed:", error),
  );
}
