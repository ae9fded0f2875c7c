import type { JsonValue } from "../../core/index.js";
import type { Store } from "../../store/index.js";
import {
  detectPromptDrift,
  type PromptDriftFinding,
  type PromptDriftOptions,
} from "./detect-prompt-drift.js";

// Drift findings become alerts, one per (prompt, hash): a check run every minute bumps the open alert
// instead of opening a new one, and resolving it is a person's decision.

export const promptDriftAlertKind = "prompt-drift";

function short(hash: string): string {
  return hash.slice(0, 12);
}

/** The alert title: which prompt, which text the calls used, and what the label says. */
export function promptDriftTitle(finding: PromptDriftFinding): string {
  const used = finding.knownVersion
    ? `version ${finding.knownVersion} (${short(finding.hash)})`
    : `an unregistered text (${short(finding.hash)})`;
  return `Prompt ${finding.promptId}: ${finding.calls} ${finding.environment} call${finding.calls === 1 ? "" : "s"} used ${used}, but label ${finding.label} is ${finding.expected.version} (${short(finding.expected.hash)})`;
}

/** Detects drift and reports each finding as a `prompt-drift` alert (warning); returns the findings. */
export async function reportPromptDrift(
  options: PromptDriftOptions & { store: Pick<Store, "prompts" | "alerts"> },
): Promise<PromptDriftFinding[]> {
  const findings = await detectPromptDrift(options);
  const at = new Date(options.nowMs).toISOString();
  for (const finding of findings) {
    await options.store.alerts.report({
      ...(options.projectId === undefined ? {} : { projectId: options.projectId }),
      kind: promptDriftAlertKind,
      key: `${finding.promptId}:${finding.hash}`,
      severity: "warning",
      title: promptDriftTitle(finding),
      details: { ...finding, expected: { ...finding.expected } } satisfies Record<string, JsonValue>,
      at,
    });
  }
  return findings;
}
