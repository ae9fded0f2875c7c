import { userInfo } from "node:os";
import { type Command, InvalidArgumentError } from "commander";
import {
  type ApprovalStatus,
  approvalStatuses,
  createApprovals,
  resolveApprovalSecret,
} from "../../guard/index.js";
import { type GlobalOptions, openWorkspaceStore } from "../cli-context.js";
import { printJson, printTable } from "../output.js";
import { approvalRow, approvalTableHeaders, decisionLines } from "./approvals-output.js";

function parseStatus(value: string): ApprovalStatus {
  if (!(approvalStatuses as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${approvalStatuses.join(", ")}, got '${value}'`);
  }
  return value as ApprovalStatus;
}

function parseLimit(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1 || count > 500) {
    throw new InvalidArgumentError(`expected a whole number from 1 to 500, got '${value}'`);
  }
  return count;
}

/** `cli:<os user>`: who decided from this terminal, as the approval and the audit log record it. */
export function cliApprover(): string {
  let name: string | undefined;
  try {
    name = userInfo().username;
  } catch {
    // Some containers run as a uid without a passwd entry.
    name = process.env.USER || process.env.USERNAME;
  }
  return `cli:${name || "unknown"}`;
}

interface ListOptions {
  status?: ApprovalStatus;
  run?: string;
  limit: number;
  json?: boolean;
}

/** Opens the workspace store with the approvals signed by the workspace's key. */
async function openApprovals(command: Command) {
  const { workspace, store } = await openWorkspaceStore(command.optsWithGlobals<GlobalOptions>());
  try {
    const secret = resolveApprovalSecret({ env: process.env, root: workspace.root });
    return { store, approvals: createApprovals({ store, secret }) };
  } catch (error) {
    await store.close();
    throw error;
  }
}

function registerDecision(approvals: Command, verb: "approve" | "deny"): void {
  approvals
    .command(verb)
    .description(
      verb === "approve"
        ? "approve a waiting tool call: signs it for exactly these arguments, then resume the run"
        : "deny a waiting tool call: the run is told no when it resumes",
    )
    .argument("<id>", "the approval id, as `gantry approvals list` shows it")
    .option("--note <text>", "why, for the audit log and the run")
    .option("--json", "print the decided approval as JSON")
    .addHelpText(
      "after",
      `
The decision is recorded as cli:<your OS user>, audited, and final. Then continue the run:
  gantry run --resume <runId>`,
    )
    .action(async (id: string, options: { note?: string; json?: boolean }, command: Command) => {
      const { store, approvals: service } = await openApprovals(command);
      try {
        const by = { approver: cliApprover(), ...(options.note === undefined ? {} : { note: options.note }) };
        const approval = verb === "approve" ? await service.approve(id, by) : await service.deny(id, by);
        if (options.json) return printJson({ approval });
        for (const line of decisionLines(approval)) console.log(line);
      } finally {
        await store.close();
      }
    });
}

/** `gantry approvals list|approve|deny`: tool calls a policy held for a person's decision. */
export function registerApprovalsCommand(program: Command): void {
  const approvals = program
    .command("approvals")
    .description("tool calls waiting for a person: list, approve, deny (signed and audited)");

  approvals
    .command("list")
    .description("approvals, newest first")
    .option("--status <status>", `one of ${approvalStatuses.join(", ")}`, parseStatus)
    .option("--run <runId>", "only this run's approvals")
    .option("--limit <n>", "how many (1 to 500, default 50)", parseLimit, 50)
    .option("--json", "print JSON: { approvals } as GET /api/v1/approvals answers")
    .addHelpText(
      "after",
      `
Examples:
  gantry approvals list --status pending
  gantry approvals list --run run_01JD3… --json`,
    )
    .action(async (options: ListOptions, command: Command) => {
      // Listing needs no key: only deciding signs.
      const { store } = await openWorkspaceStore(command.optsWithGlobals<GlobalOptions>());
      try {
        const list = await store.approvals.list({
          ...(options.status === undefined ? {} : { status: options.status }),
          ...(options.run === undefined ? {} : { runId: options.run }),
          limit: options.limit,
        });
        if (options.json) return printJson({ approvals: list });
        printTable(approvalTableHeaders, list.map(approvalRow));
      } finally {
        await store.close();
      }
    });

  registerDecision(approvals, "approve");
  registerDecision(approvals, "deny");
}
