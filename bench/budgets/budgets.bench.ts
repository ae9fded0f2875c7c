// Budget reserve + settle latency: one reservation and its settle through the budget guard, on the
// in-process memory ledger, the SQLite store and the Postgres store, each against a baseline measured in
// the same run on the same database — the cheapest write there is (a bare single-row UPDATE, or for
// memory a hand-written check-and-add on a Map). Targets (issue 5): < 20 µs in-process, < 2 ms on
// Postgres; SQLite has none and is reported for reference.
// Run: npm run bench budgets, or node --import tsx bench/budgets/budgets.bench.ts

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { budgetsSchema } from "../../src/core/index.js";
import { type BudgetGuard, createBudgetGuard, createMemoryBudgetGuard } from "../../src/guard/index.js";
import { openStore, type Store, sqlitePragmas } from "../../src/store/index.js";
import { median } from "../support/timing.js";

const memoryTargetMicroseconds = 20;
const postgresTargetMilliseconds = 2;
const rounds = 7;
const postgresUrl =
  process.env.GANTRY_BENCH_POSTGRES_URL ||
  process.env.GANTRY_TEST_POSTGRES_URL ||
  "postgres://postgres@127.0.0.1:5432/test";

// A typical workspace: a monthly project cap and a per-run cap, so each reservation holds two counters.
const config = budgetsSchema.parse({
  limits: [
    { scope: "project", window: "month", limitUsd: 1_000_000_000 },
    { scope: "run", window: "total", limitUsd: 1_000_000_000 },
  ],
});
const context = { runId: "run_bench", sessionId: "session_bench", agent: "triage" };

type Operation = () => Promise<void> | void;

function reserveAndSettle(guard: BudgetGuard): Operation {
  return async () => {
    const outcome = await guard.reserve({ context, amountMicros: 30_000, label: "sim:default" });
    if (!outcome.ok) throw new Error("the bench budget refused a reservation");
    await guard.settle(outcome.reservation, 27_000);
  };
}

/** Per-operation wall-clock samples in µs, `count` of them. */
async function samples(operation: Operation, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < count; index++) {
    const start = process.hrtime.bigint();
    await operation();
    times.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return times;
}

/** Mean µs per operation over one round of `count` (for operations too short to time one by one). */
async function roundMean(operation: Operation, count: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let index = 0; index < count; index++) await operation();
  return Number(process.hrtime.bigint() - start) / 1000 / count;
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

interface Comparison {
  guard: { p50: number; p95: number };
  baseline: { p50: number; p95: number };
}

/**
 * Round 0 warms both up and is not counted; later rounds alternate which side goes first. With
 * `perOperation`, every operation is timed (p50/p95 over all); otherwise each round's mean is a sample.
 */
async function compare(guard: Operation, baseline: Operation, count: number, perOperation: boolean) {
  const guardTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let round = 0; round <= rounds; round++) {
    const run = async (operation: Operation, into: number[]) => {
      const measured = perOperation ? await samples(operation, count) : [await roundMean(operation, count)];
      if (round > 0) into.push(...measured);
    };
    if (round % 2 === 0) {
      await run(guard, guardTimes);
      await run(baseline, baselineTimes);
    } else {
      await run(baseline, baselineTimes);
      await run(guard, guardTimes);
    }
  }
  const summary = (times: number[]) => ({ p50: median(times), p95: percentile(times, 0.95) });
  return { guard: summary(guardTimes), baseline: summary(baselineTimes) } satisfies Comparison;
}

function report(name: string, result: Comparison, baselineName: string): void {
  const ratio = result.guard.p50 / result.baseline.p50;
  console.log(
    `${name.padEnd(9)} reserve+settle p50 ${format(result.guard.p50)}, p95 ${format(result.guard.p95)}; ` +
      `${baselineName} p50 ${format(result.baseline.p50)} — ratio ${ratio.toFixed(1)}x`,
  );
}

function format(microseconds: number): string {
  return microseconds >= 1000 ? `${(microseconds / 1000).toFixed(2)} ms` : `${microseconds.toFixed(2)} µs`;
}

async function benchMemory(): Promise<void> {
  const guard = createMemoryBudgetGuard(config);
  // The baseline: the least an in-process cap can do — check and add on a Map, then subtract and add.
  const counters = new Map<string, { reserved: number; settled: number }>([
    ["cap", { reserved: 0, settled: 0 }],
  ]);
  const baseline = () => {
    const counter = counters.get("cap")!;
    if (counter.reserved + counter.settled + 30_000 > Number.MAX_SAFE_INTEGER) throw new Error("full");
    counter.reserved += 30_000;
    counter.reserved -= 30_000;
    counter.settled += 27_000;
  };
  const result = await compare(reserveAndSettle(guard), baseline, 20_000, false);
  report("memory", result, "Map check-and-add");
  console.log(
    result.guard.p50 < memoryTargetMicroseconds
      ? `PASS memory reserve+settle ${format(result.guard.p50)} < ${memoryTargetMicroseconds} µs`
      : `FAIL memory reserve+settle: ${format(result.guard.p50)} >= ${memoryTargetMicroseconds} µs`,
  );
}

async function benchSqlite(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), "gantry-budget-bench-"));
  const path = join(folder, "bench.db");
  let store: Store | undefined;
  let raw: BetterSqlite3.Database | undefined;
  try {
    store = await openStore({ root: folder, url: path });
    // The baseline's own connection to the same file, with the store's pragmas (WAL, synchronous=NORMAL).
    raw = new BetterSqlite3(path);
    for (const pragma of sqlitePragmas) raw.pragma(pragma);
    raw.exec("create table bench_counter (id integer primary key, value integer not null)");
    raw.exec("insert into bench_counter values (1, 0)");
    const update = raw.prepare("update bench_counter set value = value + 1 where id = 1");
    const result = await compare(
      reserveAndSettle(createBudgetGuard({ store, config })),
      () => {
        update.run();
      },
      500,
      true,
    );
    report("sqlite", result, "bare UPDATE");
    console.log(`info: sqlite has no target; reserve and settle are one BEGIN IMMEDIATE transaction each`);
  } finally {
    raw?.close();
    await store?.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function benchPostgres(): Promise<void> {
  const schema = `gantry_budget_bench_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    console.log(
      `SKIP postgres: cannot reach ${postgresUrl} (${error instanceof Error ? error.message : error})`,
    );
    return;
  }
  let store: Store | undefined;
  try {
    store = await openStore({ url: postgresUrl, root: tmpdir(), schema });
    await client.query(`set search_path = ${schema}`);
    await client.query("create table bench_counter (id integer primary key, value bigint not null)");
    await client.query("insert into bench_counter values (1, 0)");
    const baseline = async () => {
      await client.query({
        name: "bench-update",
        text: "update bench_counter set value = value + 1 where id = 1",
      });
    };
    const result = await compare(reserveAndSettle(createBudgetGuard({ store, config })), baseline, 300, true);
    report("postgres", result, "bare UPDATE");
    const milliseconds = result.guard.p50 / 1000;
    console.log(
      milliseconds < postgresTargetMilliseconds
        ? `PASS postgres reserve+settle ${format(result.guard.p50)} < ${postgresTargetMilliseconds} ms`
        : `FAIL postgres reserve+settle: ${format(result.guard.p50)} >= ${postgresTargetMilliseconds} ms`,
    );
  } finally {
    await store?.close();
    await client.query(`drop schema if exists ${schema} cascade`).catch(() => {});
    await client.end();
  }
}

console.log(
  `budget bench: reserve + settle, ${config.limits.length} caps per reservation (project month, run total), ` +
    `${rounds} rounds after a warm-up, alternating order`,
);
await benchMemory();
await benchSqlite();
await benchPostgres();
