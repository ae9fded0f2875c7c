import { readdir, readFile, stat } from "node:fs/promises";
import { z } from "zod";
import { isoNow } from "../../core/index.js";
import { type AnyTool, defineTool, type ToolDefinition } from "../tool-definition.js";
import { applyWrite, type WriteOutcome } from "./apply-write.js";
import { type EditRecord, ledgerFor } from "./edit-ledger.js";
import {
  checkFinalReport,
  type FinalReport,
  normaliseCommand,
  type ReportCheck,
} from "./final-report-check.js";
import { type CommandResult, commandEnvironment, runCommand } from "./run-command.js";
import { applyEdits, type SearchReplaceEdit } from "./search-replace.js";
import { checkReadable, checkWritable, compileScope } from "./workspace-access.js";
import { workspaceError } from "./workspace-errors.js";
import {
  resolveWorkspaceSettings,
  type WorkspaceSettings,
  type WorkspaceToolsOptions,
} from "./workspace-options.js";
import { resolveWorkspacePath } from "./workspace-paths.js";

// The coding-agent tools, all scoped to one declared workspace: constraints that live in the tools,
// outside the model's reasoning, so no prompt can talk its way past them. Each refusal is a tool error
// the model reads and the run result keeps.

export interface ReadResult {
  path: string;
  kind: "file" | "directory";
  content?: string;
  entries?: string[];
  truncated: boolean;
}

export interface TestModificationResult {
  path: string;
  unlocked: boolean;
  note: string;
}

export interface ShellRunResult extends CommandResult {
  command: string;
}

export interface FinalReportResult extends ReportCheck {
  report: FinalReport;
}

export interface WorkspaceTools {
  /** All six, to pass to `defineAgent({ tools })`. */
  tools: AnyTool[];
  fsRead: ToolDefinition<{ path: string }, ReadResult>;
  fsWrite: ToolDefinition<{ path: string; content: string }, WriteOutcome>;
  fsPatch: ToolDefinition<{ path: string; edits: SearchReplaceEdit[] }, WriteOutcome>;
  shellRun: ToolDefinition<{ command: string; args?: string[] | undefined }, ShellRunResult>;
  testModification: ToolDefinition<{ path: string; justification: string }, TestModificationResult>;
  finalReport: ToolDefinition<FinalReport, FinalReportResult>;
  /** The run's ledger: writes, changed lines, test modifications, shell runs. */
  record(runId: string): Promise<EditRecord>;
  /** The resolved options (root's real path, defaults filled in). */
  settings: Readonly<WorkspaceSettings>;
}

const unlockStep = { seq: 0, toolCallId: "", path: "", justification: "", at: "" };

function allowedPrefix(allow: readonly string[], argv: readonly string[]): boolean {
  return allow.some((entry) => {
    const tokens = normaliseCommand(entry).split(" ");
    return tokens.every((token, index) => argv[index] === token);
  });
}

/** The workspace tools (fs_read, fs_write, fs_patch, shell_run, test_modification, final_report) for one repository. */
export function createWorkspaceTools(options: WorkspaceToolsOptions): WorkspaceTools {
  const settings = resolveWorkspaceSettings(options);
  const scope = compileScope(settings);
  const ledger = ledgerFor(settings.ledgerDir);

  const fsRead = defineTool({
    name: "fs_read",
    description:
      "Read a file of the workspace (path relative to the repository root), or list a directory. Only paths inside the read scope.",
    input: z.object({ path: z.string().describe("e.g. src/index.ts") }),
    annotations: { readOnly: true, idempotent: true },
    execute: async ({ path }): Promise<ReadResult> => {
      const resolved = resolveWorkspacePath(settings.rootReal, path);
      checkReadable(scope, resolved);
      if (!resolved.exists) {
        throw workspaceError(
          "WORKSPACE_FILE_NOT_FOUND",
          `${path} does not exist.`,
          "List the folder with fs_read to find the right path.",
          {
            path,
          },
        );
      }
      if ((await stat(resolved.absolute)).isDirectory()) {
        const entries = await readdir(resolved.absolute, { withFileTypes: true });
        const names = entries
          .filter(
            (entry) => !scope.reserved(resolved.real === "" ? entry.name : `${resolved.real}/${entry.name}`),
          )
          .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name))
          .sort();
        return { path: resolved.real, kind: "directory", entries: names, truncated: false };
      }
      const content = await readFile(resolved.absolute, "utf8");
      const truncated = Buffer.byteLength(content) > settings.maxReadBytes;
      return {
        path: resolved.real,
        kind: "file",
        content: truncated
          ? Buffer.from(content).subarray(0, settings.maxReadBytes).toString("utf8")
          : content,
        truncated,
      };
    },
  });

  const fsWrite = defineTool({
    name: "fs_write",
    description:
      "Create or overwrite a file with the given content. Only inside the write scope; tests and CI config are protected, trust-boundary paths need approval, and the run's total changed lines are limited.",
    input: z.object({ path: z.string(), content: z.string() }),
    annotations: { destructive: true },
    execute: (input, context) =>
      applyWrite(scope, ledger, {
        tool: "fs_write",
        path: input.path,
        args: input,
        context,
        produce: () => input.content,
      }),
  });

  const fsPatch = defineTool({
    name: "fs_patch",
    description:
      "Edit an existing file with search/replace edits, applied in order: each search must match the file's exact text once (or set replaceAll). Same limits as fs_write.",
    input: z.object({
      path: z.string(),
      edits: z
        .array(
          z.object({ search: z.string().min(1), replace: z.string(), replaceAll: z.boolean().optional() }),
        )
        .min(1),
    }),
    annotations: { destructive: true },
    execute: (input, context) =>
      applyWrite(scope, ledger, {
        tool: "fs_patch",
        path: input.path,
        args: input,
        context,
        produce: (current, path) => {
          if (current === null) {
            throw workspaceError(
              "WORKSPACE_FILE_NOT_FOUND",
              `${path.requested} does not exist, so it cannot be patched.`,
              "Create it with fs_write.",
              {
                path: path.requested,
              },
            );
          }
          return applyEdits(path.requested, current, input.edits);
        },
      }),
  });

  const allow = settings.shell.allow;
  const shellRun = defineTool({
    name: "shell_run",
    description: `Run an allowlisted command in the repository root (no shell: give the program and its arguments separately). Allowed: ${allow.length ? allow.join(", ") : "none"}. Output is captured and truncated; a failing exit code is reported, not an error.`,
    input: z.object({ command: z.string().min(1), args: z.array(z.string()).optional() }),
    annotations: { destructive: true },
    // The command's own timeout fires first, so a slow test run comes back as a result saying so.
    timeoutMs: settings.shell.timeoutMs + 10_000,
    execute: async ({ command, args = [] }, context): Promise<ShellRunResult> => {
      const argv = [command, ...args];
      const shown = normaliseCommand(argv.join(" "));
      if (!allowedPrefix(allow, argv)) {
        throw workspaceError(
          "WORKSPACE_COMMAND_NOT_ALLOWED",
          `Refused: \`${shown}\` is not an allowlisted command (allowed: ${allow.length ? allow.join(", ") : "none"}).`,
          "Use one of the allowed commands, or report what you could not verify in final_report's notVerified.",
          { command: shown, allowed: [...allow] },
        );
      }
      const startSeq = await ledger.update(context.runId, (record) => {
        record.seq += 1;
        return record.seq;
      });
      const result = await runCommand(command, args, {
        cwd: settings.rootReal,
        timeoutMs: settings.shell.timeoutMs,
        maxOutputBytes: settings.shell.maxOutputBytes,
        env: commandEnvironment(settings.shell.env),
        signal: context.signal,
      });
      await ledger.update(context.runId, (record) => {
        record.shellRuns = record.shellRuns.filter((run) => run.toolCallId !== context.toolCallId);
        record.shellRuns.push({
          seq: startSeq,
          toolCallId: context.toolCallId,
          command: shown,
          exitCode: result.exitCode,
          timedOut: result.timedOut,
          at: isoNow(settings.clock),
        });
      });
      return { command: shown, ...result };
    },
  });

  const testModification = defineTool({
    name: "test_modification",
    description:
      "Log a justified change to a protected file (a test, fixture, snapshot or CI config) before editing it; this unlocks writing that one path for the rest of the run. Deleting, skipping or weakening tests stays refused.",
    input: z.object({
      path: z.string(),
      justification: z.string().trim().min(20, "say why the test itself is wrong, in a sentence"),
    }),
    execute: async ({ path, justification }, context): Promise<TestModificationResult> => {
      const resolved = resolveWorkspacePath(settings.rootReal, path);
      return ledger.update(context.runId, async (record) => {
        // Unlocking never reaches past the write scope or a reserved path: every check but protection
        // (and the trust boundary, which the write itself still checks) applies here too.
        const unlocked = { ...record, testModifications: [{ ...unlockStep, path: resolved.real }] };
        await checkWritable(scope, resolved, "test_modification", unlocked, async () => true);
        if (!scope.protectedPath(resolved.requested) && !scope.protectedPath(resolved.real)) {
          return {
            path: resolved.real,
            unlocked: false,
            note: `${resolved.real} is not protected; no test modification is needed.`,
          };
        }
        record.seq += 1;
        record.testModifications = record.testModifications.filter(
          (step) => step.toolCallId !== context.toolCallId,
        );
        record.testModifications.push({
          seq: record.seq,
          toolCallId: context.toolCallId,
          path: resolved.real,
          justification,
          at: isoNow(settings.clock),
        });
        return {
          path: resolved.real,
          unlocked: true,
          note: `Logged: ${resolved.real} may be edited for the rest of this run. The edit is still diffed: deleted, skipped or weakened tests are refused, and the change is listed in the final report.`,
        };
      });
    },
  });

  const finalReport = defineTool({
    name: "final_report",
    description:
      "Finish with a calibrated report: the files you changed, how each claim was verified (name the shell_run command you ran), what you did not verify, and your assumptions. It is checked against what this run recorded.",
    input: z.object({
      changed: z.array(z.string()),
      verified: z.array(z.object({ how: z.string().min(1), command: z.string().optional() })),
      notVerified: z.array(z.string()),
      assumptions: z.array(z.string()),
    }),
    annotations: { readOnly: true, idempotent: true },
    execute: async (report, context): Promise<FinalReportResult> => {
      const record = await ledger.read(context.runId);
      return { ...checkFinalReport(settings.rootReal, report, record), report };
    },
  });

  return {
    tools: [fsRead, fsWrite, fsPatch, shellRun, testModification, finalReport],
    fsRead,
    fsWrite,
    fsPatch,
    shellRun,
    testModification,
    finalReport,
    record: (runId) => ledger.read(runId),
    settings,
  };
}
