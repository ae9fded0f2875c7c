// Span insert throughput: spans.insertMany (Kysely over better-sqlite3) against a raw better-sqlite3
// prepared INSERT in a transaction, same run, same schema, same pragmas, same input records.
// Run: npm run bench store, or npx tsx bench/store/span-insert.ts (SPAN_BENCH_ROWS sets rows per round).

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { openStore, type SpanRecord } from "../../src/store/index.js";
import { openRawSpanDatabase, rawSpanInserter } from "../support/raw-span-ceiling.js";
import { median, timed } from "../support/timing.js";

const target = 0.5;
const batchSize = 500;
const rowsPerRound = Number(process.env.SPAN_BENCH_ROWS ?? 50_000);
const rounds = 5;

function makeSpans(round: number, count: number): SpanRecord[] {
  return Array.from({ length: count }, (_, index) => ({
    traceId: `trace-${round}-${Math.floor(index / 20)}`,
    spanId: `span-${round}-${index}`,
    parentSpanId: index % 20 === 0 ? null : `span-${round}-${index - (index % 20)}`,
    name: index % 3 === 0 ? "execute_tool refund_lookup" : "chat sim-large",
    kind: "client",
    startTimeMs: 1_795_000_000_000 + index * 1.25,
    endTimeMs: 1_795_000_000_000 + index * 1.25 + 420.5,
    statusCode: index % 50 === 0 ? "error" : "ok",
    statusMessage: index % 50 === 0 ? "tool failed" : null,
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": "sim-large",
      "gen_ai.usage.input_tokens": 1000 + index,
      "gen_ai.usage.output_tokens": 80,
    },
    events: [{ name: "gen_ai.choice", timeMs: 1_795_000_000_400.25, attributes: { index: 0 } }],
    projectId: "default",
    agent: "triage",
    model: "sim-large",
    sessionId: `session-${round}-${index % 7}`,
    costMicros: 1234 + index,
  }));
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), "gantry-span-bench-"));
  try {
    const store = await openStore({ root: join(folder, "repository") });
    // The raw peer gets its schema from the same migrations, then its own connection with the same pragmas.
    const raw = await openRawSpanDatabase(folder);
    const insertRaw = rawSpanInserter(raw);

    // Print both connections' durability settings, so a mismatch would show rather than flatter a side.
    const synchronousNames = ["OFF", "NORMAL", "FULL", "EXTRA"];
    const rawSettings = `${raw.pragma("journal_mode", { simple: true })}/${synchronousNames[Number(raw.pragma("synchronous", { simple: true }))]}`;
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
    const synchronous = await sql<{ synchronous: number }>`pragma synchronous`.execute(store.db);
    const storeSettings = `${journal.rows[0]?.journal_mode}/${synchronousNames[Number(synchronous.rows[0]?.synchronous)]}`;
    console.log(
      `span insert bench: ${rounds} rounds x ${rowsPerRound} rows, batches of ${batchSize}; ` +
        `journal/synchronous: repository ${storeSettings}, raw ${rawSettings}`,
    );

    const repositoryMs: number[] = [];
    const rawMs: number[] = [];
    // Round 0 warms up both paths (JIT, page cache) and is not counted; the order alternates per round.
    for (let round = 0; round <= rounds; round++) {
      const spans = makeSpans(round, rowsPerRound);
      const batches = Array.from({ length: Math.ceil(spans.length / batchSize) }, (_, index) =>
        spans.slice(index * batchSize, (index + 1) * batchSize),
      );
      const runRepository = () =>
        timed(async () => {
          for (const batch of batches) await store.spans.insertMany(batch);
        });
      const runRaw = () =>
        timed(() => {
          for (const batch of batches) insertRaw(batch);
        });
      const [first, second] =
        round % 2 ? [await runRaw(), await runRepository()] : [await runRepository(), await runRaw()];
      if (round === 0) continue;
      repositoryMs.push(round % 2 ? second : first);
      rawMs.push(round % 2 ? first : second);
    }

    const repositoryRate = rowsPerRound / (median(repositoryMs) / 1000);
    const rawRate = rowsPerRound / (median(rawMs) / 1000);
    const ratio = repositoryRate / rawRate;
    const format = (rate: number) => `${Math.round(rate).toLocaleString("en-US")} rows/s`;
    console.log(`  repository spans.insertMany   ${format(repositoryRate)}  (median of ${rounds})`);
    console.log(`  raw better-sqlite3 prepared   ${format(rawRate)}  (median of ${rounds})`);
    console.log(`  ratio repository/raw          ${ratio.toFixed(2)}  (target >= ${target})`);
    console.log(ratio >= target ? "PASS span-insert" : "FAIL span-insert: below target");

    raw.close();
    await store.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
