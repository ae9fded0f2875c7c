import type { Clock, PromptsConfig } from "../core/index.js";
import { reportPromptDrift } from "../prompts/index.js";
import type { Store } from "../store/index.js";
import { idleTask, schedulePeriodic } from "./periodic-task.js";

// `gantry up` looks for prompt-hash drift on a timer, so a hot-fix edited in place in production
// becomes an open alert within a minute instead of waiting for someone to run `gantry prompts drift`.
// A failed check is logged and the next one tries again: a broken check must never stop the server.

export interface PromptDriftScheduleOptions {
  store: Pick<Store, "prompts" | "alerts">;
  /** The workspace's `prompts` settings: the environment, the label it should serve, window and interval. */
  settings: Pick<PromptsConfig, "drift">;
  clock: Clock;
  /** Where a failed check is told; `console.error` by default. */
  onError?: (error: unknown) => void;
}

export interface PromptDriftSchedule {
  /** Stops the timer and waits for a check in progress, so the store can close after it. */
  stop(): Promise<void>;
}

const hourMs = 3_600_000;

/** Runs `reportPromptDrift` every `drift.intervalSeconds` on an unref'd timer; 0 turns it off. */
export function schedulePromptDriftChecks(options: PromptDriftScheduleOptions): PromptDriftSchedule {
  const { drift } = options.settings;
  if (drift.intervalSeconds <= 0) return idleTask;
  const onError =
    options.onError ?? ((error: unknown) => console.error("[gantry] prompt drift check failed:", error));
  const check = async () => {
    const nowMs = options.clock.now();
    await reportPromptDrift({
      store: options.store,
      environment: drift.environment,
      label: drift.label,
      sinceMs: nowMs - drift.windowHours * hourMs,
      nowMs,
    });
  };
  // A slow check (a large window on a busy store) is joined, never started twice.
  return schedulePeriodic(drift.intervalSeconds * 1000, check, onError);
}
