import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { workspaceError } from "./workspace-errors.js";

// A run's record of what its workspace tools did: the content of each touched file before the run
// first touched it (so the diff-size limit counts the run's net change, as a reviewer's diff shows
// it), every write, logged test modification, approved weakening and shell run. The final report is
// checked against it. It is kept in memory and persisted as `<ledgerDir>/<runId>.json` after every
// change, so a resumed run (even in another process) keeps counting where it stopped. Changes of one
// run are serialised: tool calls of a step run concurrently, and two writes must not both pass a limit
// that only one of them fits under.

const fileSchema = z.object({ baseline: z.string().nullable(), changedLines: z.number().int().min(0) });
const recordSchema = z.object({
  version: z.literal(1),
  runId: z.string(),
  seq: z.number().int().min(0),
  files: z.record(z.string(), fileSchema),
  writes: z.array(
    z.object({
      seq: z.number(),
      toolCallId: z.string(),
      tool: z.string(),
      path: z.string(),
      changedLines: z.number(),
      at: z.string(),
    }),
  ),
  testModifications: z.array(
    z.object({
      seq: z.number(),
      toolCallId: z.string(),
      path: z.string(),
      justification: z.string(),
      at: z.string(),
    }),
  ),
  flags: z.array(
    z.object({
      seq: z.number(),
      toolCallId: z.string(),
      kind: z.string(),
      path: z.string(),
      message: z.string(),
      at: z.string(),
    }),
  ),
  shellRuns: z.array(
    z.object({
      seq: z.number(),
      toolCallId: z.string(),
      command: z.string(),
      exitCode: z.number().nullable(),
      timedOut: z.boolean(),
      at: z.string(),
    }),
  ),
});

export type EditRecord = z.infer<typeof recordSchema>;

/** The run's net changed lines: the sum over touched files of their diff against the baseline. */
export function totalChangedLines(record: EditRecord): number {
  return Object.values(record.files).reduce((sum, file) => sum + file.changedLines, 0);
}

function emptyRecord(runId: string): EditRecord {
  return {
    version: 1,
    runId,
    seq: 0,
    files: {},
    writes: [],
    testModifications: [],
    flags: [],
    shellRuns: [],
  };
}

function fileName(runId: string): string {
  // Run ids are ULIDs; anything else is made safe rather than trusted as a path.
  return `${runId.replace(/[^A-Za-z0-9_-]/g, "_")}.json`;
}

export class EditLedger {
  private readonly cache = new Map<string, EditRecord>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly directory: string,
    private readonly cacheSize = 256,
  ) {}

  /**
   * Runs `change` on a copy of the run's record, one change per run at a time, and keeps the copy if
   * `change` returns. The record is persisted first and `commit` (the side effect it describes) runs
   * after: if `commit` fails the earlier record is restored, so the ledger never misses an edit that
   * happened and at worst briefly counts one that did not.
   */
  update<T>(
    runId: string,
    change: (record: EditRecord) => T | Promise<T>,
    commit?: (result: T) => Promise<void>,
  ): Promise<T> {
    const previous = this.queues.get(runId) ?? Promise.resolve();
    const next = previous.then(async () => {
      const current = await this.load(runId);
      const draft = structuredClone(current);
      const result = await change(draft);
      const changed = JSON.stringify(draft) !== JSON.stringify(current);
      if (changed) await this.persist(draft);
      if (commit) {
        try {
          await commit(result);
        } catch (error) {
          if (changed) await this.persist(current);
          throw error;
        }
      }
      if (changed) this.remember(draft);
      return result;
    });
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(runId, settled);
    void settled.then(() => {
      if (this.queues.get(runId) === settled) this.queues.delete(runId);
    });
    return next;
  }

  /** A copy of the run's record as it stands after every change queued so far. */
  read(runId: string): Promise<EditRecord> {
    return this.update(runId, (record) => structuredClone(record));
  }

  private remember(record: EditRecord): void {
    this.cache.delete(record.runId);
    this.cache.set(record.runId, record);
    // Persisted, so forgetting the oldest only costs a re-read.
    while (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
  }

  private async load(runId: string): Promise<EditRecord> {
    const cached = this.cache.get(runId);
    if (cached) return cached;
    const path = join(this.directory, fileName(runId));
    let text: string | undefined;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT")
        throw this.failure(path, "could not be read", error);
    }
    if (text === undefined) return emptyRecord(runId);
    let parsed: ReturnType<typeof recordSchema.safeParse>;
    try {
      parsed = recordSchema.safeParse(JSON.parse(text));
    } catch (error) {
      throw this.failure(path, "is not JSON", error);
    }
    if (!parsed.success || parsed.data.runId !== runId) {
      throw this.failure(path, "does not have the ledger's shape (edited outside Gantry?)", parsed.error);
    }
    this.remember(parsed.data);
    return parsed.data;
  }

  private async persist(record: EditRecord): Promise<void> {
    const path = join(this.directory, fileName(record.runId));
    try {
      await mkdir(this.directory, { recursive: true });
      // Write then rename: a crash mid-write leaves the previous record, never half of one.
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(record));
      await rename(temporary, path);
    } catch (error) {
      throw this.failure(path, "could not be written", error);
    }
  }

  private failure(path: string, problem: string, cause: unknown) {
    // Fail closed: without its ledger the run cannot count its diff or back its final report.
    return workspaceError(
      "WORKSPACE_LEDGER_FAILED",
      `The workspace edit ledger ${path} ${problem}, so no edit is allowed.`,
      "Restore or remove the file (removing it restarts the run's diff count), then retry.",
      { path },
      cause,
    );
  }
}

const ledgers = new Map<string, EditLedger>();

/** The process's one ledger for a directory: two tool sets on one repository must share the queue and cache. */
export function ledgerFor(directory: string): EditLedger {
  let ledger = ledgers.get(directory);
  if (!ledger) {
    ledger = new EditLedger(directory);
    ledgers.set(directory, ledger);
  }
  return ledger;
}
