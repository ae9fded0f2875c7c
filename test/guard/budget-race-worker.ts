// The second process of the budget race (budget-race.test.ts): opens the same database, waits for
// "go" on stdin so both processes start their sessions together, then prints its tally.
// Env: BUDGET_RACE_URL (SQLite path or postgres:// url), BUDGET_RACE_ROOT, BUDGET_RACE_SCHEMA (Postgres),
// BUDGET_RACE_SESSIONS ("25-49").

import { createInterface } from "node:readline";
import { createBudgetGuard } from "../../src/guard/index.js";
import { openStore } from "../../src/store/index.js";
import { raceConfig, runRaceSessions } from "./budget-race-sessions.js";

const [first, last] = (process.env.BUDGET_RACE_SESSIONS ?? "0-24").split("-").map(Number);
const sessions = Array.from({ length: last! - first! + 1 }, (_, index) => first! + index);
const schema = process.env.BUDGET_RACE_SCHEMA;
const store = await openStore({
  url: process.env.BUDGET_RACE_URL,
  root: process.env.BUDGET_RACE_ROOT ?? process.cwd(),
  ...(schema ? { schema } : {}),
});
try {
  const guard = createBudgetGuard({ store, config: raceConfig });
  const lines = createInterface({ input: process.stdin });
  const go = new Promise<void>((resolve) => lines.on("line", (line) => line.trim() === "go" && resolve()));
  process.stdout.write("ready\n");
  await go;
  lines.close();
  const tally = await runRaceSessions(guard, sessions);
  process.stdout.write(`result ${JSON.stringify(tally)}\n`);
} finally {
  await store.close();
}
