// Trace queries over 1M spans on SQLite: the traces list (first page, random filters) through
// `store.traces.listTraces`, which reads the `trace_summaries` table, against the naive peer that groups
// the spans themselves (what the list did before migration 003); and the trace detail of a 5,000-span
// trace (summary, spans, tree, per-agent rollup, JSON) as GET /api/v1/traces/:id builds it, against the
// same detail with its summary grouped from the spans.
// Run: npm run bench traces, or node --import tsx bench/traces/trace-queries.bench.ts.
// The seeded database is cached under the OS temp folder, keyed by a version: the first run seeds it
// (about a minute), later runs only measure. TRACE_BENCH_RESEED=1 seeds again.

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { traceDetail } from "../../src/server/index.js";
import { migrations, openStore, type SpanRecord, type Store, spanTree } from "../../src/store/index.js";

const listTarget = 150;
const detailTarget = 100;
const traceCount = 100_000;
const spansPerTrace = 10;
const bigTraceSpans = 5000;
const listRuns = 200;
const peerListRuns = 10;
const detailRuns = 50;
// Change when the seeded data changes; the schema version is part of the key too.
const seedVersion = `v2-schema${migrations.length}`;
const folder = join(tmpdir(), `gantry-trace-bench-${seedVersion}`);
const marker = join(folder, "seeded.json");

// Fixed times, so a cached database stays valid: traces spread over the 30 days before `base`.
const base = Date.UTC(2026, 0, 31);
const spread = 30 * 86_400_000;
const agents = ["triage", "refund", "billing", "shipping", "research", "writer", "reviewer", "planner"];
const models = ["sim-large", "sim-small", "gpt-4.1-mini", "claude-haiku"];
const bigTraceId = "big-trace-5000-spans";

// A deterministic generator: the same database on every machine.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function traceSpans(index: number, next: () => number): SpanRecord[] {
  const traceId = `trace-${String(index).padStart(7, "0")}`;
  const start = base - spread + Math.floor(next() * spread);
  const agent = agents[index % agents.length]!;
  const failed = next() < 0.05;
  return Array.from({ length: spansPerTrace }, (_, position): SpanRecord => {
    const isRoot = position === 0;
    const model = isRoot ? null : models[Math.floor(next() * models.length)]!;
    const spanStart = start + position * 40;
    return {
      traceId,
      spanId: `${traceId}-${position}`,
      parentSpanId: isRoot ? null : `${traceId}-0`,
      name: isRoot ? `invoke_agent ${agent}` : `chat ${model}`,
      kind: isRoot ? "internal" : "client",
      startTimeMs: spanStart,
      endTimeMs: isRoot ? start + spansPerTrace * 40 + 20 : spanStart + 30,
      statusCode: failed && position === spansPerTrace - 1 ? "error" : "unset",
      statusMessage: failed && position === spansPerTrace - 1 ? "tool failed" : null,
      attributes: isRoot
        ? { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": agent }
        : {
            "gen_ai.operation.name": "chat",
            "gen_ai.request.model": model!,
            "gen_ai.usage.input_tokens": 800 + Math.floor(next() * 400),
            "gen_ai.usage.output_tokens": 60 + Math.floor(next() * 40),
          },
      events: [],
      projectId: "default",
      agent,
      model,
      sessionId: `session-${Math.floor(index / 5)}`,
      costMicros: isRoot ? null : 500 + Math.floor(next() * 500),
    };
  });
}

// A 5,000-span run: an orchestrator, 49 subagents of 102 spans each (101 chats and tools under each),
// and a closing chat.
function bigTrace(): SpanRecord[] {
  const start = base - 3_600_000;
  const spans: SpanRecord[] = [];
  const make = (spanId: string, parentSpanId: string | null, name: string, agent: string, offset: number) => {
    const model = name.startsWith("chat") ? "sim-large" : null;
    spans.push({
      traceId: bigTraceId,
      spanId,
      parentSpanId,
      name,
      kind: model ? "client" : "internal",
      startTimeMs: start + offset,
      endTimeMs: start + offset + 5,
      statusCode: "unset",
      statusMessage: null,
      attributes: model ? { "gen_ai.usage.input_tokens": 1000, "gen_ai.usage.output_tokens": 50 } : {},
      events: [],
      projectId: "default",
      agent,
      model,
      sessionId: "big-session",
      costMicros: model ? 900 : null,
    });
  };
  make("root", null, "invoke_agent orchestrator", "orchestrator", 0);
  for (let agent = 0; agent < 49; agent++) {
    const agentSpan = `agent-${agent}`;
    make(agentSpan, "root", `invoke_agent worker-${agent}`, `worker-${agent}`, agent * 1000 + 1);
    for (let step = 0; step < 101; step++) {
      const name = step % 2 === 0 ? "chat sim-large" : "execute_tool lookup";
      make(`${agentSpan}-${step}`, agentSpan, name, `worker-${agent}`, agent * 1000 + 2 + step * 9);
    }
  }
  make("summary", "root", "chat sim-large", "orchestrator", 60_000);
  return spans;
}

async function seed(store: Store): Promise<void> {
  const next = random(42);
  const tracesPerBatch = 500;
  const started = performance.now();
  for (let first = 0; first < traceCount; first += tracesPerBatch) {
    const batch: SpanRecord[] = [];
    for (let index = first; index < first + tracesPerBatch; index++) batch.push(...traceSpans(index, next));
    await store.spans.insertMany(batch);
    if ((first / tracesPerBatch) % 40 === 0) {
      process.stdout.write(`  seeding ${((first * spansPerTrace) / 1e6).toFixed(2)}M spans…\r`);
    }
  }
  const big = bigTrace();
  for (let first = 0; first < big.length; first += 500)
    await store.spans.insertMany(big.slice(first, first + 500));
  console.log(
    `  seeded ${traceCount * spansPerTrace + big.length} spans in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

interface Filters {
  agent?: string;
  status?: "ok" | "error";
  model?: string;
  since?: number;
}

function randomFilters(next: () => number): Filters {
  const filters: Filters = {};
  if (next() < 0.5) filters.agent = agents[Math.floor(next() * agents.length)]!;
  if (next() < 0.3) filters.status = next() < 0.5 ? "error" : "ok";
  if (next() < 0.2) filters.model = models[Math.floor(next() * models.length)]!;
  if (next() < 0.4) filters.since = base - Math.floor(next() * spread);
  return filters;
}

// The peer: the list as a GROUP BY over the spans (the pre-003 query), filters picking whole traces.
async function naiveList(store: Store, filters: Filters): Promise<unknown[]> {
  let query = store.db
    .selectFrom("spans")
    .select((select) => [
      "trace_id",
      select.fn.min("start_time_ms").as("trace_start"),
      select.fn.max("end_time_ms").as("trace_end"),
      select.fn.countAll<number>().as("span_count"),
      sql<number>`sum(case when status_code = 'error' then 1 else 0 end)`.as("error_count"),
      sql<number | null>`cast(sum(cost_micros) as bigint)`.as("cost_micros"),
      select.fn.max("agent").as("agent"),
      select.fn.max("session_id").as("session_id"),
    ])
    .groupBy("trace_id");
  if (filters.agent !== undefined) {
    query = query.where(
      "trace_id",
      "in",
      store.db.selectFrom("spans").select("trace_id").where("agent", "=", filters.agent),
    );
  }
  if (filters.model !== undefined) {
    query = query.where(
      "trace_id",
      "in",
      store.db.selectFrom("spans").select("trace_id").where("model", "=", filters.model),
    );
  }
  if (filters.status === "error")
    query = query.having(sql`sum(case when status_code = 'error' then 1 else 0 end)`, ">", 0);
  if (filters.status === "ok")
    query = query.having(sql`sum(case when status_code = 'error' then 1 else 0 end)`, "=", 0);
  if (filters.since !== undefined)
    query = query.having((having) => having.fn.min("start_time_ms"), ">=", filters.since!);
  return query.orderBy("trace_start", "desc").orderBy("trace_id", "desc").limit(50).execute();
}

// The detail peer: the same response with the summary grouped from the trace's spans.
async function naiveDetail(store: Store, traceId: string): Promise<string> {
  const [summary, spans] = await Promise.all([
    store.db
      .selectFrom("spans")
      .select((select) => [
        select.fn.min("start_time_ms").as("start"),
        select.fn.max("end_time_ms").as("end"),
        select.fn.countAll<number>().as("span_count"),
        sql<number | null>`cast(sum(cost_micros) as bigint)`.as("cost_micros"),
      ])
      .where("trace_id", "=", traceId)
      .executeTakeFirst(),
    store.spans.getTrace(traceId),
  ]);
  return JSON.stringify({ summary, spans: spanTree(spans) });
}

async function main(): Promise<void> {
  if (process.env.TRACE_BENCH_RESEED === "1" || !existsSync(marker)) {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    const store = await openStore({ root: folder });
    await seed(store);
    await store.close();
    writeFileSync(marker, JSON.stringify({ seedVersion, spans: traceCount * spansPerTrace + bigTraceSpans }));
  }
  const seeded = JSON.parse(readFileSync(marker, "utf8")) as { spans: number };
  const store = await openStore({ root: folder });
  try {
    console.log(
      `trace queries bench: SQLite ${store.location}, ${seeded.spans.toLocaleString("en-US")} spans in ` +
        `${traceCount.toLocaleString("en-US")} traces + one of ${bigTraceSpans}`,
    );

    // Warm both paths (page cache, statement cache, JIT), then measure.
    const next = random(7);
    for (let run = 0; run < 20; run++) await store.traces.listTraces({ ...randomFilters(next), limit: 50 });
    await naiveList(store, {});
    const listMs: number[] = [];
    for (let run = 0; run < listRuns; run++) {
      const filters = randomFilters(next);
      listMs.push(await timed(() => store.traces.listTraces({ ...filters, limit: 50 })));
    }
    const peerListMs: number[] = [];
    for (let run = 0; run < peerListRuns; run++) {
      const filters = randomFilters(next);
      peerListMs.push(await timed(() => naiveList(store, filters)));
    }

    const detail = await traceDetail(store, bigTraceId);
    if (detail.spans.length !== bigTraceSpans)
      throw new Error(`the big trace has ${detail.spans.length} spans`);
    for (let run = 0; run < 5; run++) {
      JSON.stringify(await traceDetail(store, bigTraceId));
      await naiveDetail(store, bigTraceId);
    }
    const detailMs: number[] = [];
    const peerDetailMs: number[] = [];
    for (let run = 0; run < detailRuns; run++) {
      // Alternate, so neither side always runs on a warmer heap.
      const gantry = () => timed(async () => JSON.stringify(await traceDetail(store, bigTraceId)));
      const peer = () => timed(() => naiveDetail(store, bigTraceId));
      if (run % 2) {
        peerDetailMs.push(await peer());
        detailMs.push(await gantry());
      } else {
        detailMs.push(await gantry());
        peerDetailMs.push(await peer());
      }
    }

    const format = (values: number[]) =>
      `p50 ${percentile(values, 0.5).toFixed(1)} ms  p95 ${percentile(values, 0.95).toFixed(1)} ms`;
    const listP95 = percentile(listMs, 0.95);
    const detailP95 = percentile(detailMs, 0.95);
    console.log(`  list, first page of 50, random filters (${listRuns} runs)`);
    console.log(`    trace_summaries (listTraces)     ${format(listMs)}`);
    console.log(`    peer: GROUP BY over spans        ${format(peerListMs)}  (${peerListRuns} runs)`);
    console.log(
      `    ratio peer/summaries p50         ${(percentile(peerListMs, 0.5) / percentile(listMs, 0.5)).toFixed(0)}x  (target p95 < ${listTarget} ms)`,
    );
    console.log(
      `  detail of the ${bigTraceSpans}-span trace: summary, spans, tree, rollup, JSON (${detailRuns} runs)`,
    );
    console.log(`    traceDetail (GET /traces/:id)    ${format(detailMs)}`);
    console.log(`    peer: summary grouped from spans ${format(peerDetailMs)}`);
    console.log(
      `    ratio peer/traceDetail p50       ${(percentile(peerDetailMs, 0.5) / percentile(detailMs, 0.5)).toFixed(2)}  (target p95 < ${detailTarget} ms)`,
    );
    console.log(
      listP95 < listTarget
        ? "PASS trace-list"
        : `FAIL trace-list: p95 ${listP95.toFixed(1)} ms >= ${listTarget} ms`,
    );
    console.log(
      detailP95 < detailTarget
        ? "PASS trace-detail"
        : `FAIL trace-detail: p95 ${detailP95.toFixed(1)} ms >= ${detailTarget} ms`,
    );
  } finally {
    await store.close();
  }
}

await main();
