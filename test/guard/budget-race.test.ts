import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { type BudgetGuard, createBudgetGuard, createMemoryBudgetGuard } from "../../src/guard/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { postgresUrl, probePostgres } from "../store/backends.js";
import { repositoryRoot } from "../support/built-package.js";
import { startProcess } from "../support/running-process.js";
import {
  combine,
  type RaceTally,
  raceConfig,
  raceLimitMicros,
  reserveMicros,
  runRaceSessions,
  storedSpend,
} from "./budget-race-sessions.js";
import { requirePostgres } from "./require-postgres.js";

// Issue 5, acceptance 1: 50 concurrent sessions against one $1.00 project budget, calls of about
// $0.03: settled spend <= $1.00, on SQLite and on Postgres with two processes.

const sessionCount = 50;
const allSessions = Array.from({ length: sessionCount }, (_, index) => index);
const workerScript = join(import.meta.dirname, "budget-race-worker.ts");

/** What must hold after any race, whoever ran it. */
function expectBudgetKept(tally: RaceTally): void {
  // Never past the cap…
  expect(tally.settledMicros).toBeLessThanOrEqual(raceLimitMicros);
  // …yet actually used: the last refusal happens with nothing else held, so less than one call is left.
  expect(tally.settledMicros).toBeGreaterThan(raceLimitMicros - reserveMicros);
  expect(tally.settledMicros).toBeGreaterThan(900_000);
  // Every session ran until the budget refused it.
  expect(tally.refused).toBe(sessionCount);
}

async function expectStoreAgrees(store: Store, tally: RaceTally): Promise<void> {
  expect(await storedSpend(store)).toEqual({
    settledMicros: tally.settledMicros,
    reservedMicros: 0,
    trailSettledMicros: tally.settledMicros,
    trailHeldMicros: 0,
  });
}

/**
 * Runs sessions 0–24 here and 25–49 in a second Node process on the same database, started together:
 * the worker reports ready, both begin when it reads "go".
 */
async function raceTwoProcesses(
  guard: BudgetGuard,
  env: Record<string, string>,
): Promise<{ here: RaceTally; there: RaceTally }> {
  const worker = startProcess("npx", ["tsx", workerScript], {
    cwd: repositoryRoot,
    env: { ...env, BUDGET_RACE_SESSIONS: "25-49" },
  });
  try {
    await worker.waitFor(/^ready$/m, 60_000);
    worker.child.stdin?.write("go\n");
    const here = await runRaceSessions(guard, allSessions.slice(0, 25));
    const [, json] = await worker.waitFor(/^result (.+)$/m, 60_000);
    expect(await worker.exited()).toBe(0);
    return { here, there: JSON.parse(json!) as RaceTally };
  } finally {
    if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
  }
}

describe("budget race: 50 sessions, one $1.00 project budget, ~$0.03 calls", () => {
  const folders: string[] = [];
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });
  const sqliteFile = () => {
    const folder = mkdtempSync(join(tmpdir(), "gantry-budget-race-"));
    folders.push(folder);
    return { root: folder, url: join(folder, "race.db") };
  };

  it("in one process with the memory guard", async () => {
    const tally = await runRaceSessions(createMemoryBudgetGuard(raceConfig), allSessions);
    expectBudgetKept(tally);
  });

  it("on SQLite, one process", async () => {
    const { root, url } = sqliteFile();
    const store = await openStore({ root, url });
    try {
      const tally = await runRaceSessions(createBudgetGuard({ store, config: raceConfig }), allSessions);
      expectBudgetKept(tally);
      await expectStoreAgrees(store, tally);
    } finally {
      await store.close();
    }
  });

  it("on SQLite, two processes sharing the file", { timeout: 120_000 }, async () => {
    const { root, url } = sqliteFile();
    const store = await openStore({ root, url });
    try {
      const guard = createBudgetGuard({ store, config: raceConfig });
      const { here, there } = await raceTwoProcesses(guard, { BUDGET_RACE_URL: url, BUDGET_RACE_ROOT: root });
      // Both processes took part: every one of their sessions ended refused.
      expect(here.refused).toBe(25);
      expect(there.refused).toBe(25);
      const tally = combine([here, there]);
      expectBudgetKept(tally);
      await expectStoreAgrees(store, tally);
    } finally {
      await store.close();
    }
  });
});

const postgresProblem = await probePostgres();
requirePostgres("the budget race on Postgres", postgresProblem);
describe.skipIf(postgresProblem !== null)("budget race on Postgres", () => {
  const schema = `gantry_race_${randomBytes(6).toString("hex")}`;
  const root = mkdtempSync(join(tmpdir(), "gantry-budget-race-pg-"));
  afterAll(async () => {
    rmSync(root, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(`drop schema if exists ${schema} cascade`);
    } finally {
      await client.end();
    }
  });

  it("two processes on one schema keep settled spend <= $1.00", { timeout: 120_000 }, async () => {
    const store = await openStore({ url: postgresUrl, root, schema });
    try {
      const guard = createBudgetGuard({ store, config: raceConfig });
      const { here, there } = await raceTwoProcesses(guard, {
        BUDGET_RACE_URL: postgresUrl,
        BUDGET_RACE_ROOT: root,
        BUDGET_RACE_SCHEMA: schema,
      });
      expect(here.refused).toBe(25);
      expect(there.refused).toBe(25);
      const tally = combine([here, there]);
      expectBudgetKept(tally);
      await expectStoreAgrees(store, tally);
    } finally {
      await store.close();
    }
  });
});
