import { defaultProjectId, type Store, type StoredPromptLabelEvent } from "../../store/index.js";

// Prompt-hash drift: production model calls that carried a prompt text the production label does not
// point to, and that no recorded label move or release explains. That is a hot-fix edited in place, a
// stale deployment, or a client serving an old cache: the text users get is not the text reviewed.

export interface PromptDriftOptions {
  store: Pick<Store, "prompts">;
  /** Defaults to `default`. */
  projectId?: string;
  /** Spans of this environment are checked. Default `production`. */
  environment?: string;
  /** The label the calls should follow. Default `production`. */
  label?: string;
  /** Only calls that started at or after this epoch ms. */
  sinceMs: number;
  /** The end of the period (the current label move counts as in effect until then). */
  nowMs: number;
}

/** One hash of one prompt that calls used although the label points elsewhere. */
export interface PromptDriftFinding {
  promptId: string;
  /** The hash the calls carried. */
  hash: string;
  /** The pushed version with that hash, or null when the text was never pushed. */
  knownVersion: string | null;
  /** Where the label points now. */
  expected: { version: string; hash: string };
  label: string;
  environment: string;
  calls: number;
  firstSeenMs: number;
  lastSeenMs: number;
}

/** True when some move put `hash` in effect at a moment within [fromMs, toMs]. */
export function hashInEffect(
  events: readonly StoredPromptLabelEvent[],
  hash: string,
  fromMs: number,
  toMs: number,
  nowMs: number,
): boolean {
  const ordered = [...events].sort((a, b) => a.sequence - b.sequence);
  return ordered.some((event, index) => {
    if (event.toHash !== hash) return false;
    const start = Date.parse(event.at);
    const next = ordered[index + 1];
    const end = next ? Date.parse(next.at) : Math.max(nowMs, toMs);
    return start <= toMs && end >= fromMs;
  });
}

/** Finds prompt-hash drift in `environment` since `sinceMs`; prompts without the label are skipped. */
export async function detectPromptDrift(options: PromptDriftOptions): Promise<PromptDriftFinding[]> {
  const { prompts } = options.store;
  const projectId = options.projectId ?? defaultProjectId;
  const environment = options.environment ?? "production";
  const label = options.label ?? "production";
  const usages = await prompts.usageByHash({ projectId, environment, sinceMs: options.sinceMs });
  const promptIds = [...new Set(usages.map((usage) => usage.promptId).filter((id) => id !== ""))];
  const findings: PromptDriftFinding[] = [];
  for (const promptId of promptIds) {
    const pointer = await prompts.getLabel(promptId, label, projectId);
    if (!pointer) continue;
    const drifting = usages.filter((usage) => usage.promptId === promptId && usage.hash !== pointer.hash);
    if (drifting.length === 0) continue;
    const events = await prompts.labelEvents({ projectId, promptId, label });
    const versions = await prompts.listVersions(promptId, projectId);
    for (const usage of drifting) {
      if (hashInEffect(events, usage.hash, usage.firstSeenMs, usage.lastSeenMs, options.nowMs)) continue;
      findings.push({
        promptId,
        hash: usage.hash,
        knownVersion: versions.find((version) => version.hash === usage.hash)?.version ?? null,
        expected: { version: pointer.version, hash: pointer.hash },
        label,
        environment,
        calls: usage.calls,
        firstSeenMs: usage.firstSeenMs,
        lastSeenMs: usage.lastSeenMs,
      });
    }
  }
  return findings;
}
