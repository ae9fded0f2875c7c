import { constants } from "node:fs";
import { mkdir, open, readFile, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { isoNow, type JsonValue } from "../../core/index.js";
import type { ToolContext } from "../tool-definition.js";
import { type EditLedger, totalChangedLines } from "./edit-ledger.js";
import { diffLines } from "./line-diff.js";
import { findTestWeakening, type Weakening } from "./test-weakening.js";
import { checkWritable, type WorkspaceScope } from "./workspace-access.js";
import { workspaceError } from "./workspace-errors.js";
import { type ResolvedPath, resolveWorkspacePath } from "./workspace-paths.js";

// One write of fs_write or fs_patch, start to finish, inside the run's ledger queue: resolve the real
// path, check scope, protection and trust boundary, compute the new content, refuse a test edit that
// weakens tests, refuse an edit that takes the run's net changed lines over the block limit, then
// record it and write the file. Nothing is written unless every check passed.

export interface WriteOutcome {
  path: string;
  created: boolean;
  /** Lines this edit changed against the file as it was just before. */
  changedLines: number;
  /** The run's net changed lines after this edit, across every file it touched. */
  runChangedLines: number;
  /** Set once the run is past the warning level. */
  warning?: string;
  /** Weakenings a person approved for this call: written, and flagged for the reviewer. */
  flags?: Weakening[];
}

export interface WriteRequest {
  tool: "fs_write" | "fs_patch";
  path: string;
  /** The call's validated arguments: what an approval must have been given for. */
  args: JsonValue;
  context: ToolContext;
  /** The new content, from the current one (null when the file does not exist yet). */
  produce: (current: string | null, path: ResolvedPath) => string;
}

const numberFormat = new Intl.NumberFormat("en-US");

async function currentContent(path: ResolvedPath): Promise<string | null> {
  if (!path.exists) return null;
  if ((await stat(path.absolute)).isDirectory()) {
    throw workspaceError(
      "WORKSPACE_PATH_INVALID",
      `Refused: ${path.requested} is a directory.`,
      "Give the path of a file.",
      { path: path.requested },
    );
  }
  return readFile(path.absolute, "utf8");
}

async function writeNoFollow(path: ResolvedPath, content: string): Promise<void> {
  await mkdir(dirname(path.absolute), { recursive: true });
  // O_NOFOLLOW: if a symlink appeared at the checked path since the check, the write fails instead of following it.
  const handle = await open(
    path.absolute,
    constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW,
    0o644,
  );
  try {
    await handle.writeFile(content, "utf8");
  } finally {
    await handle.close();
  }
}

function weakeningRefusal(path: ResolvedPath, weakenings: readonly Weakening[]) {
  return workspaceError(
    "WORKSPACE_TEST_WEAKENED",
    `Refused: the edit to ${path.requested} weakens the tests: ${weakenings.map((found) => found.message).join("; ")}.`,
    "Fix the code so the existing tests pass instead. Deleting, skipping or weakening a test goes ahead only with a person's approval of this exact call.",
    { path: path.requested, weakened: weakenings.map((found) => found.kind) },
  );
}

/** Checks and performs one write; every refusal is a GantryError naming its reason. */
export async function applyWrite(
  scope: WorkspaceScope,
  ledger: EditLedger,
  request: WriteRequest,
): Promise<WriteOutcome> {
  const { settings } = scope;
  const { context } = request;
  let approval: boolean | undefined;
  const approved = async () => {
    if (approval === undefined) {
      const check = await settings.approvals?.check({
        runId: context.runId,
        toolCallId: context.toolCallId,
        tool: request.tool,
        args: request.args,
      });
      approval = check?.state === "approved";
    }
    return approval;
  };
  let content = "";
  let target: ResolvedPath | undefined;
  const outcome = await ledger.update(
    context.runId,
    async (record) => {
      const path = resolveWorkspacePath(settings.rootReal, request.path);
      await checkWritable(scope, path, request.tool, record, approved);
      const current = await currentContent(path);
      content = request.produce(current, path);
      target = path;
      let flags: Weakening[] = [];
      if (scope.testFile(path.requested) || scope.testFile(path.real)) {
        const weakenings = findTestWeakening(current, content);
        if (weakenings.length > 0 && !(await approved())) throw weakeningRefusal(path, weakenings);
        flags = weakenings;
      }
      const file = record.files[path.real];
      const baseline = file ? file.baseline : current;
      const net = diffLines(baseline ?? "", content).changedLines;
      const projected = totalChangedLines(record) - (file?.changedLines ?? 0) + net;
      const { warnLines, blockLines } = settings.diffLimits;
      if (projected > blockLines) {
        throw workspaceError(
          "WORKSPACE_DIFF_TOO_LARGE",
          `Refused: this edit would bring the run's changed lines to ${numberFormat.format(projected)} (${path.requested}: ${numberFormat.format(net)} against its state at the start of the run), over the block limit of ${numberFormat.format(blockLines)}.`,
          "Make a smaller, focused change; a change this size needs its own reviewed run. Reverting earlier edits frees room (the count is net per file).",
          { path: path.requested, projectedLines: projected, blockLines, fileLines: net },
        );
      }
      const at = isoNow(settings.clock);
      record.seq += 1;
      record.files[path.real] = { baseline, changedLines: net };
      // A resumed run repeating a call replaces its earlier entry rather than adding one.
      record.writes = record.writes.filter((write) => write.toolCallId !== context.toolCallId);
      record.writes.push({
        seq: record.seq,
        toolCallId: context.toolCallId,
        tool: request.tool,
        path: path.real,
        changedLines: net,
        at,
      });
      for (const flag of flags) {
        record.flags.push({
          seq: record.seq,
          toolCallId: context.toolCallId,
          kind: "test-weakened",
          path: path.real,
          message: `${path.real}: ${flag.message} (approved)`,
          at,
        });
      }
      const result: WriteOutcome = {
        path: path.real,
        created: current === null,
        changedLines: diffLines(current ?? "", content).changedLines,
        runChangedLines: projected,
      };
      if (projected > warnLines) {
        result.warning = `The run has now changed ${numberFormat.format(projected)} lines, past the warning level of ${numberFormat.format(warnLines)} (edits are refused past ${numberFormat.format(blockLines)}). Keep the change focused: a reviewer reads every line.`;
      }
      if (flags.length > 0) result.flags = flags;
      return result;
    },
    async () => {
      if (target) await writeNoFollow(target, content);
    },
  );
  return outcome;
}
