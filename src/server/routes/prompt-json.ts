import { type PromptVersionInfo, promptDriftAlertKind } from "../../prompts/index.js";
import type {
  PromptHashUsage,
  Store,
  StoredAlert,
  StoredPromptLabel,
  StoredPromptLabelEvent,
  StoredPromptSummary,
} from "../../store/index.js";

// The JSON of the prompt registry's routes beyond what the registry hands out as is: the list with
// each prompt's open drift alerts, the detail page in one answer, and per-version usage metrics.

/** One prompt of `GET /api/v1/prompts`. */
export interface PromptListItemJson extends StoredPromptSummary {
  /** Open `prompt-drift` alerts about this prompt. */
  openDriftAlerts: number;
}

/** `GET /api/v1/prompts/:id`. */
export interface PromptDetailJson {
  prompt: StoredPromptSummary;
  /** Newest first (by semver). */
  versions: PromptVersionInfo[];
  labels: StoredPromptLabel[];
  /** Every label move, oldest first. */
  history: StoredPromptLabelEvent[];
  /** Open `prompt-drift` alerts about this prompt, newest first. */
  driftAlerts: StoredAlert[];
}

/** One row of `GET /api/v1/prompts/:id/metrics`: the model calls that carried one hash of the prompt. */
export interface PromptVersionMetricsJson {
  /** The pushed version with this hash; null for a text that was never pushed (drift, a local edit). */
  version: string | null;
  hash: string;
  calls: number;
  traces: number;
  costMicros: number;
  errors: number;
  meanDurationMs: number | null;
  /** Null when no call carried this version yet. */
  firstSeenMs: number | null;
  lastSeenMs: number | null;
  /** Mean online eval score of the traces this version served (production scoring), null when none. */
  scores: { mean: number; count: number } | null;
}

// Drift alerts are few (one per prompt and hash while open); the store caps a page at 500.
const alertPage = 500;

/** Open prompt-drift alerts, by the prompt they are about. */
export async function openDriftAlertsByPrompt(
  store: Pick<Store, "alerts">,
): Promise<Map<string, StoredAlert[]>> {
  const alerts = await store.alerts.list({ kind: promptDriftAlertKind, state: "open", limit: alertPage });
  const byPrompt = new Map<string, StoredAlert[]>();
  for (const alert of alerts) {
    const details = alert.details;
    const promptId =
      typeof details === "object" && details !== null && !Array.isArray(details)
        ? details.promptId
        : undefined;
    if (typeof promptId !== "string") continue;
    byPrompt.set(promptId, [...(byPrompt.get(promptId) ?? []), alert]);
  }
  return byPrompt;
}

/**
 * Usage joined to versions by hash: every pushed version (newest first, zeros when unused), then the
 * hashes no version has (most recently seen first).
 */
export function promptMetricsJson(
  versions: readonly PromptVersionInfo[],
  usages: readonly PromptHashUsage[],
): PromptVersionMetricsJson[] {
  const byHash = new Map(usages.map((usage) => [usage.hash, usage]));
  const known = new Set(versions.map((version) => version.hash));
  const row = (version: string | null, hash: string, usage: PromptHashUsage | undefined) => ({
    version,
    hash,
    calls: usage?.calls ?? 0,
    traces: usage?.traces ?? 0,
    costMicros: usage?.costMicros ?? 0,
    errors: usage?.errors ?? 0,
    meanDurationMs: usage?.meanDurationMs ?? null,
    firstSeenMs: usage?.firstSeenMs ?? null,
    lastSeenMs: usage?.lastSeenMs ?? null,
    scores: usage?.onlineScore ?? null,
  });
  return [
    ...versions.map((version) => row(version.version, version.hash, byHash.get(version.hash))),
    ...usages.filter((usage) => !known.has(usage.hash)).map((usage) => row(null, usage.hash, usage)),
  ];
}
