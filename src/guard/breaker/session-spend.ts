import type { Store } from "../../store/index.js";

/**
 * What a session of an agent already spent in earlier runs: the sum of `costMicros` of the agent's
 * runs with this `sessionId`, whatever their status (a paused or failed run spent its money too).
 * Only the agent's own runs count: a subagent's spend is already inside its parent run's cost.
 */
export async function earlierSessionSpend(options: {
  runs: Store["runs"];
  agent: string;
  sessionId: string;
  projectId?: string;
}): Promise<number> {
  const { runs, agent, sessionId, projectId } = options;
  let total = 0;
  let cursor: string | null = null;
  do {
    const page = await runs.list({ agent, sessionId, projectId, limit: 500, cursor });
    for (const run of page.items) total += run.costMicros;
    cursor = page.nextCursor;
  } while (cursor !== null);
  return total;
}
