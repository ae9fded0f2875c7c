import pc from "picocolors";
import type { AuditReplayStep } from "../../guard/index.js";
import type { AuditEntry, AuditVerification } from "../../store/index.js";
import { formatCost } from "./models-call-output.js";
import { formatTime } from "./traces-output.js";

// How `gantry audit` draws the log: the verdict of verify, a run's decisions in order, a table of entries.

const decisionColour: Record<string, (text: string) => string> = {
  allow: pc.green,
  approved: pc.green,
  executed: pc.green,
  deny: pc.red,
  denied: pc.red,
  failed: pc.red,
  require_approval: pc.yellow,
  redact: pc.yellow,
};

const coloured = (decision: string) => (decisionColour[decision] ?? String)(decision);
const short = (digest: string | null) => (digest === null ? "-" : digest.slice(0, 12));

/** `gantry audit verify`: one verdict line, then what to do about it. */
export function verificationLines(result: AuditVerification, head: AuditEntry | undefined): string[] {
  if (result.ok) {
    const lines = [`${pc.green("✔")} audit log intact: ${result.checked} entries verified`];
    // verify() cannot see the newest entries cut off; the head is what to keep elsewhere to catch that.
    if (head)
      lines.push(
        pc.dim(
          `  head: entry ${head.sequence}, hash ${head.hash} (record it elsewhere to detect truncation)`,
        ),
      );
    return lines;
  }
  return [
    `${pc.red("✖")} audit log broken at entry ${result.firstBrokenSequence} (${result.problem ?? "broken"}): ${result.reason}`,
    pc.dim(
      `  ${result.checked} entries before it verify; nothing from entry ${result.firstBrokenSequence} on can be trusted`,
    ),
  ];
}

/** `gantry audit replay`: each step as two or three lines, in chain order. */
export function replayLines(runId: string, steps: AuditReplayStep[]): string[] {
  const lines = [pc.bold(`audit replay of ${runId}: ${steps.length} entries`), ""];
  for (const step of steps) {
    const what = step.tool ?? step.resource;
    lines.push(
      `${pc.dim(`#${step.sequence}`)} ${formatTime(Date.parse(step.time))}  ${pc.bold(step.action)} ${what}  ${coloured(step.decision)}${step.reason ? `  ${step.reason}` : ""}`,
    );
    lines.push(`     ${pc.dim("by")} ${step.principal}`);
    const facts = [
      step.argsDigest ? `args ${short(step.argsDigest)}` : null,
      step.policyDigest
        ? `policy ${short(step.policyDigest)}${step.policies.length ? ` (${step.policies.join(", ")})` : ""}`
        : null,
      step.invariant ? `invariant ${step.invariant}` : null,
      step.approver ? `approver ${step.approver}` : null,
      step.approvalId ? `approval ${step.approvalId}` : null,
      step.result ? `result ${step.result}` : null,
      step.costMicros !== null ? `cost ${formatCost(step.costMicros)}` : null,
      step.traceId ? `trace ${step.traceId}` : null,
    ].filter((fact): fact is string => fact !== null);
    if (facts.length > 0) lines.push(`     ${pc.dim(facts.join(" · "))}`);
  }
  return lines;
}

/** Column headers of `gantry audit list`. */
export const auditTableHeaders = ["seq", "time (UTC)", "action", "resource", "decision", "run", "reason"];

/** One row of `gantry audit list`. */
export function auditRow(entry: AuditEntry): string[] {
  const runId = entry.details.runId;
  return [
    String(entry.sequence),
    formatTime(Date.parse(entry.time)),
    entry.action,
    entry.resource,
    coloured(entry.decision),
    typeof runId === "string" ? runId : "-",
    entry.reason ?? "",
  ];
}
