import { type Command, InvalidArgumentError } from "commander";
import { auditReplayStep, readRunAudit } from "../../guard/index.js";
import { runNotFound } from "../../server/index.js";
import type { Store } from "../../store/index.js";
import { type GlobalOptions, openWorkspaceStore } from "../cli-context.js";
import { printJson, printTable } from "../output.js";
import { auditRow, auditTableHeaders, replayLines, verificationLines } from "./audit-output.js";

function parseCount(maximum: number): (value: string) => number {
  return (value) => {
    const count = Number(value);
    if (!/^\d+$/.test(value) || count < 1 || count > maximum) {
      throw new InvalidArgumentError(`expected a whole number from 1 to ${maximum}, got '${value}'`);
    }
    return count;
  };
}

function parseSequence(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a sequence number, got '${value}'`);
  return Number(value);
}

// The newest entry; the repository lists forward from a sequence, so the head is asked of the table.
async function chainHead(store: Store) {
  const row = await store.db
    .selectFrom("audit_log")
    .select("sequence")
    .orderBy("sequence", "desc")
    .limit(1)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const [head] = await store.audit.list({ since: Number(row.sequence) - 1, limit: 1 });
  return head;
}

/** `gantry audit verify|replay|list`: the hash-chained audit log, read straight from the store. */
export function registerAuditCommand(program: Command): void {
  const audit = program
    .command("audit")
    .description("the append-only audit log: verify its hash chain, replay a run's decisions, list entries");

  audit
    .command("verify")
    .description(
      "recompute the hash chain: exit 0 when intact, 1 naming the first edited, deleted or relinked entry",
    )
    .option("--json", "print JSON: { ok, checked, firstBrokenSequence?, problem?, reason?, head } ")
    .action(async (options: { json?: boolean }, command: Command) => {
      const { store } = await openWorkspaceStore(command.optsWithGlobals<GlobalOptions>());
      try {
        const result = await store.audit.verify();
        const head = result.ok ? await chainHead(store) : undefined;
        if (options.json) {
          printJson({ ...result, head: head ? { sequence: head.sequence, hash: head.hash } : null });
        } else {
          for (const line of verificationLines(result, head)) console.log(line);
        }
        if (!result.ok) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });

  audit
    .command("replay")
    .description(
      "one run's audited decisions in order: principal, action, tool, arguments hash, policy, decision, approver, result",
    )
    .argument("<runId>", "the run id, as `gantry runs list` shows it")
    .option("--json", "print JSON: { runId, steps } (each step keeps the entry's whole details)")
    .addHelpText(
      "after",
      `
Examples:
  gantry audit replay run_01JD3…
  gantry audit replay run_01JD3… --json | jq '.steps[] | {action, tool, decision, reason}'`,
    )
    .action(async (runId: string, options: { json?: boolean }, command: Command) => {
      const { store } = await openWorkspaceStore(command.optsWithGlobals<GlobalOptions>());
      try {
        const entries = await readRunAudit(store.audit, runId);
        if (entries.length === 0 && (await store.runs.get(runId)) === undefined) throw runNotFound(runId);
        const steps = entries.map(auditReplayStep);
        if (options.json) return printJson({ runId, steps });
        for (const line of replayLines(runId, steps)) console.log(line);
      } finally {
        await store.close();
      }
    });

  audit
    .command("list")
    .description("the latest audit entries, oldest of them first")
    .option("--limit <n>", "how many (1 to 1000, default 50)", parseCount(1000), 50)
    .option("--since <sequence>", "entries after this sequence instead of the latest", parseSequence)
    .option("--run <runId>", "only this run's entries")
    .option("--json", "print JSON: { entries } as GET /api/v1/audit answers")
    .action(
      async (options: { limit: number; since?: number; run?: string; json?: boolean }, command: Command) => {
        const { store } = await openWorkspaceStore(command.optsWithGlobals<GlobalOptions>());
        try {
          let since = options.since;
          if (since === undefined && options.run === undefined) {
            const head = await chainHead(store);
            since = Math.max(0, (head?.sequence ?? 0) - options.limit);
          }
          const entries = await store.audit.list({
            since,
            limit: options.limit,
            ...(options.run === undefined ? {} : { runId: options.run }),
          });
          if (options.json) return printJson({ entries });
          printTable(auditTableHeaders, entries.map(auditRow));
        } finally {
          await store.close();
        }
      },
    );
}
