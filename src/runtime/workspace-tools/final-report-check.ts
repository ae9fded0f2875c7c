import { type EditRecord, totalChangedLines } from "./edit-ledger.js";
import { resolveWorkspacePath } from "./workspace-paths.js";

// The calibrated final report: what the agent says it changed and verified, checked against what the
// run's ledger recorded. A claim is only as good as its evidence: a file said to be changed must have
// been changed by this run, every changed file must be listed, and a verification that names a command
// must match a recorded shell_run of it that exited 0 after the last edit. The flags are returned to
// the model and kept in the run result, so a reviewer sees where the report and the run disagree.

export interface FinalReport {
  changed: string[];
  verified: Array<{ how: string; command?: string | undefined }>;
  notVerified: string[];
  assumptions: string[];
}

export type ReportFlagKind =
  | "unlisted-change"
  | "listed-unchanged"
  | "verification-missing"
  | "verification-failed"
  | "verification-stale"
  | "verification-unbacked"
  | "test-weakened";

export interface ReportFlag {
  kind: ReportFlagKind;
  message: string;
  path?: string;
  command?: string;
}

export interface ReportCheck {
  /** True when nothing was flagged. */
  consistent: boolean;
  flags: ReportFlag[];
  /** What the run really did, for the reviewer. */
  actual: {
    changed: string[];
    changedLines: number;
    shellRuns: Array<{ command: string; exitCode: number | null; timedOut: boolean }>;
    testModifications: Array<{ path: string; justification: string }>;
  };
}

/** Collapses runs of whitespace, so `npm  test` and `npm test` name the same command. */
export function normaliseCommand(command: string): string {
  return command.trim().split(/\s+/).join(" ");
}

const claimsPassing =
  /\b(?:tests?|specs?|suites?|ci|build|lint|type-?checks?|checks?)\b[^.]*\b(?:pass(?:es|ed|ing)?|green|succeed(?:s|ed)?|ok)\b|\ball (?:tests|checks)\b/i;

function checkVerified(report: FinalReport, record: EditRecord): ReportFlag[] {
  const flags: ReportFlag[] = [];
  const lastWriteSeq = record.writes.reduce((latest, write) => Math.max(latest, write.seq), 0);
  const passing = record.shellRuns.filter((run) => run.exitCode === 0 && !run.timedOut);
  for (const claim of report.verified) {
    if (claim.command === undefined || claim.command.trim() === "") {
      if (claimsPassing.test(claim.how) && passing.length === 0) {
        flags.push({
          kind: "verification-unbacked",
          message: `"${claim.how}" claims a passing check, but no command exited 0 in this run (and the claim names none).`,
        });
      }
      continue;
    }
    const command = normaliseCommand(claim.command);
    const runs = record.shellRuns.filter((run) => run.command === command);
    const last = runs[runs.length - 1];
    if (!last) {
      flags.push({
        kind: "verification-missing",
        command,
        message: `"${claim.how}" cites \`${command}\`, but no shell_run of that command is recorded in this run.`,
      });
    } else if (last.exitCode !== 0 || last.timedOut) {
      const how = last.timedOut ? "timed out" : `exited ${last.exitCode}`;
      flags.push({
        kind: "verification-failed",
        command,
        message: `"${claim.how}" cites \`${command}\`, whose last recorded run ${how}.`,
      });
    } else if (last.seq < lastWriteSeq) {
      flags.push({
        kind: "verification-stale",
        command,
        message: `"${claim.how}" cites \`${command}\`, but files were edited after its last passing run.`,
      });
    }
  }
  return flags;
}

function listedPath(rootReal: string, path: string): string {
  try {
    return resolveWorkspacePath(rootReal, path).real;
  } catch {
    return path;
  }
}

/** Checks a final report against the run's record and lists every disagreement. */
export function checkFinalReport(rootReal: string, report: FinalReport, record: EditRecord): ReportCheck {
  const changed = Object.entries(record.files)
    .filter(([, file]) => file.changedLines > 0)
    .map(([path]) => path)
    .sort();
  const listed = new Set(report.changed.map((path) => listedPath(rootReal, path)));
  const flags: ReportFlag[] = [];
  for (const path of changed) {
    if (!listed.has(path)) {
      flags.push({
        kind: "unlisted-change",
        path,
        message: `${path} was changed in this run but is not listed in changed.`,
      });
    }
  }
  for (const path of listed) {
    if (!changed.includes(path)) {
      flags.push({
        kind: "listed-unchanged",
        path,
        message: `${path} is listed in changed, but this run's tools did not change it.`,
      });
    }
  }
  flags.push(...checkVerified(report, record));
  // Logged test modifications are listed in `actual`, not flagged; a weakening a person approved is.
  for (const flag of record.flags) {
    if (flag.kind === "test-weakened")
      flags.push({ kind: "test-weakened", path: flag.path, message: flag.message });
  }
  return {
    consistent: flags.length === 0,
    flags,
    actual: {
      changed,
      changedLines: totalChangedLines(record),
      shellRuns: record.shellRuns.map(({ command, exitCode, timedOut }) => ({ command, exitCode, timedOut })),
      testModifications: record.testModifications.map(({ path, justification }) => ({ path, justification })),
    },
  };
}
