import pc from "picocolors";
import type { ApprovalRecord } from "../../guard/index.js";
import { preview, resumeCommand } from "./run-output.js";
import { formatTime } from "./traces-output.js";

// How `gantry approvals` draws approvals: a table row each, and the lines after a decision.

/** Column headers of the approvals table. */
export const approvalTableHeaders = [
  "requested (UTC)",
  "approval",
  "status",
  "run",
  "agent",
  "tool",
  "arguments",
  "reason",
];

const statusColour: Record<string, (text: string) => string> = {
  pending: pc.yellow,
  approved: pc.green,
  denied: pc.red,
};

/** One row of the approvals table. */
export function approvalRow(approval: ApprovalRecord): string[] {
  const decided = approval.approver ? ` by ${approval.approver}` : "";
  return [
    formatTime(Date.parse(approval.requestedAt)),
    approval.id,
    (statusColour[approval.status] ?? String)(approval.status) + decided,
    approval.runId,
    approval.agent,
    approval.tool,
    preview(approval.args, 50),
    approval.reason,
  ];
}

/** What `approve`/`deny` print: the decision and how to continue the run. */
export function decisionLines(approval: ApprovalRecord): string[] {
  const colour = statusColour[approval.status] ?? String;
  return [
    `${colour(approval.status)} ${pc.bold(approval.id)}: ${approval.tool} ${preview(approval.args, 80)} for run ${approval.runId}`,
    ...(approval.note ? [`${pc.dim("note")}   ${approval.note}`] : []),
    `${pc.dim("resume")} ${pc.cyan(resumeCommand(approval.runId))}`,
  ];
}
