import type { RunListOptions, RunRecord, RunsRepository } from "../../store/index.js";

// Runs list newest first by id (ULIDs, ordered by creation); a rule reads back only to its cursor.

const pageSize = 500;

/** When a run started, in epoch ms (the cursor's unit). */
export function runStartMs(run: RunRecord): number {
  return Date.parse(run.createdAt);
}

/** Runs matching `filter` that started at or after `floorMs`, oldest first (ties by id). */
export async function runsSince(
  runs: Pick<RunsRepository, "list">,
  filter: Omit<RunListOptions, "limit" | "cursor">,
  floorMs: number,
): Promise<RunRecord[]> {
  const found: RunRecord[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await runs.list({ ...filter, limit: pageSize, cursor });
    for (const run of page.items) if (runStartMs(run) >= floorMs) found.push(run);
    const last = page.items.at(-1);
    if (page.nextCursor === null || last === undefined || runStartMs(last) < floorMs) break;
    cursor = page.nextCursor;
  }
  return found.sort(
    (left, right) =>
      runStartMs(left) - runStartMs(right) || (left.id < right.id ? -1 : left.id > right.id ? 1 : 0),
  );
}
