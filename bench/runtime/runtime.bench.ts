// Runtime overhead per step (issue 5): one run = a zero-latency model call that asks for one tool call,
// the tool call, and a second model call that answers — Gantry's step loop with tracing and budgets
// on, against the AI SDK's generateText tool loop and the OpenAI Agents SDK's run loop on the same
// mock model (Gantry's sim, one LanguageModelV3 instance), same prompt, same tool, in the same process.
// Target: Gantry full <= 1.0x the faster peer, per step (run time / 2), medians. Other Gantry
// configurations and the peers with their tracing on are printed beside it to show where time goes.
// Run: npm run bench runtime, or npx tsx bench/runtime/runtime.bench.ts
// RUNTIME_BENCH_RUNS=600 for more runs per contestant (default 300, after 60 warm-up runs).

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LanguageModelV3, LanguageModelV3CallOptions } from "@ai-sdk/provider";
import { openStore } from "../../src/store/index.js";
import { createTelemetry } from "../../src/telemetry/index.js";
import { instructions, toolDescription, toolName, userInput } from "./bench-task.js";
import { benchModelAccess, type Contestant, gantryContestants } from "./gantry-contestants.js";
import { peerContestants } from "./peer-contestants.js";

const targetRatio = 1.0;
const runsPerContestant = Number(process.env.RUNTIME_BENCH_RUNS) || 300;
const warmUpRuns = 60;
const batch = 25;

interface Measured {
  name: string;
  /** Wall-clock µs of each timed run. */
  runs: number[];
  /** Total µs spent exporting this contestant's spans (flushed after each batch, on its clock). */
  exportMicros: number;
  /** Process CPU µs (all threads) over its batches, export included: steadier than wall time on a busy machine. */
  cpuMicros: number;
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

async function timeMicros(work: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1000;
}

/** Runs a batch of `count` runs and, when the contestant traces, the export of their spans. */
async function runBatch(contestant: Contestant, into: Measured | undefined, count: number): Promise<void> {
  const cpu = process.cpuUsage();
  for (let index = 0; index < count; index++) {
    const micros = await timeMicros(contestant.run);
    into?.runs.push(micros);
  }
  if (contestant.flush) {
    const micros = await timeMicros(contestant.flush);
    if (into) into.exportMicros += micros;
  }
  const used = process.cpuUsage(cpu);
  if (into) into.cpuMicros += used.user + used.system;
}

/** Warm-up, then rounds of one batch per contestant, the order rotating and reversing each round. */
async function measureAll(contestants: Contestant[]): Promise<Measured[]> {
  const measured = contestants.map((contestant) => ({
    name: contestant.name,
    runs: [],
    exportMicros: 0,
    cpuMicros: 0,
  }));
  for (const contestant of contestants) await runBatch(contestant, undefined, warmUpRuns);
  const rounds = Math.ceil(runsPerContestant / batch);
  for (let round = 0; round < rounds; round++) {
    const order = contestants.map((_, index) => (index + round) % contestants.length);
    if (round % 2 === 1) order.reverse();
    for (const index of order) await runBatch(contestants[index]!, measured[index], batch);
  }
  return measured;
}

/** The mock model alone: µs per doGenerate on the two prompts a run sends (step 1, step 2). */
async function modelCallMicros(model: LanguageModelV3): Promise<number> {
  const tools = [
    {
      type: "function" as const,
      name: toolName,
      description: toolDescription,
      inputSchema: {
        type: "object",
        properties: { orderId: { type: "string" } },
        required: ["orderId"],
        additionalProperties: false,
      } as const,
    },
  ];
  const first: LanguageModelV3CallOptions = {
    prompt: [
      { role: "system", content: instructions },
      { role: "user", content: [{ type: "text", text: userInput }] },
    ],
    tools,
    toolChoice: { type: "auto" },
  };
  const second: LanguageModelV3CallOptions = {
    ...first,
    prompt: [
      ...first.prompt,
      {
        role: "assistant",
        content: [{ type: "tool-call", toolCallId: "call_1", toolName, input: { orderId: "A-7" } }],
      },
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "call_1",
            toolName,
            output: { type: "json", value: { orderId: "A-7", status: "shipped" } },
          },
        ],
      },
    ],
  };
  const times: number[] = [];
  for (let index = 0; index < 400; index++) {
    times.push(
      await timeMicros(async () => {
        await model.doGenerate(first);
        await model.doGenerate(second);
      }),
    );
  }
  return percentile(times.slice(100), 0.5) / 2;
}

interface Row {
  name: string;
  /** Median µs per step, export included. */
  step: number;
  p95Step: number;
  exportPerStep: number;
  /** Mean CPU µs per step, export included. */
  cpuStep: number;
}

function rowOf(measured: Measured): Row {
  const exportPerRun = measured.exportMicros / measured.runs.length;
  return {
    name: measured.name,
    step: (percentile(measured.runs, 0.5) + exportPerRun) / 2,
    p95Step: (percentile(measured.runs, 0.95) + exportPerRun) / 2,
    exportPerStep: exportPerRun / 2,
    cpuStep: measured.cpuMicros / measured.runs.length / 2,
  };
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), "gantry-runtime-bench-"));
  const store = await openStore({ root: folder });
  const telemetry = createTelemetry({
    serviceName: "runtime-bench",
    store,
    // Big enough that no span is ever dropped between the explicit flushes after each batch.
    queue: { maxQueueSize: 100_000, maxBatchSize: 1000, flushIntervalMs: 60_000 },
  });
  try {
    const traced = await benchModelAccess(folder, telemetry);
    const plain = await benchModelAccess(folder);
    // The peers call the very instance the traced Gantry client resolves sim:default to.
    const model = traced.client.languageModel("sim:default");
    const peers = peerContestants(model, telemetry);
    const gantry = gantryContestants({ store, telemetry, traced, plain });
    const contestants = [...gantry, ...peers.untraced, ...peers.traced];
    console.log(
      `runtime bench: ${runsPerContestant} runs per contestant after ${warmUpRuns} warm-up, batches of ${batch}, ` +
        "2 steps per run (tool call, answer); SQLite store in a temp folder",
    );
    const modelMicros = await modelCallMicros(model);
    const rows = (await measureAll(contestants)).map(rowOf);
    const byName = new Map(rows.map((row) => [row.name, row]));
    const peerRows = peers.untraced.map((peer) => byName.get(peer.name)!);
    const fasterPeer = peerRows.reduce((best, row) => (row.step < best.step ? row : best));
    const fasterTracedPeer = peers.traced
      .map((peer) => byName.get(peer.name)!)
      .reduce((best, row) => (row.step < best.step ? row : best));

    console.log(`  mock model alone (sim:default, latency none): ${modelMicros.toFixed(0)} µs per call`);
    const cell = (value: string, width: number) => value.padStart(width);
    console.log(
      `  ${"per step, µs".padEnd(40)}${cell("median", 8)}${cell("p95", 8)}${cell("export", 8)}` +
        `${cell("cpu", 8)}${cell("x peer", 8)}${cell("x cpu", 8)}${cell("x own*", 8)}`,
    );
    for (const row of rows) {
      const own = (row.step - modelMicros) / (fasterPeer.step - modelMicros);
      console.log(
        `  ${row.name.padEnd(40)}${cell(row.step.toFixed(0), 8)}${cell(row.p95Step.toFixed(0), 8)}` +
          `${cell(row.exportPerStep.toFixed(0), 8)}${cell(row.cpuStep.toFixed(0), 8)}` +
          `${cell((row.step / fasterPeer.step).toFixed(2), 8)}${cell((row.cpuStep / fasterPeer.cpuStep).toFixed(2), 8)}` +
          `${cell(own.toFixed(2), 8)}`,
      );
    }
    console.log(
      `  faster peer: ${fasterPeer.name}. export: span export per step (in median). cpu: process CPU per step ` +
        "(mean, export included). x peer: median / the faster peer's; x cpu: the same on CPU; " +
        "* x own: with the mock model's own time taken off both sides",
    );
    const full = byName.get(gantry[0]!.name)!;
    const ratio = full.step / fasterPeer.step;
    console.log(
      `  info: gantry full vs the faster peer with its tracing on (${fasterTracedPeer.name}): ` +
        `${(full.step / fasterTracedPeer.step).toFixed(2)}x`,
    );
    const stats = telemetry.stats().exporters.store!;
    console.log(
      `  spans exported to SQLite ${stats.exported}, dropped ${stats.dropped}, failed ${stats.failed}`,
    );
    const lost = stats.dropped > 0 || stats.failed > 0;
    if (ratio <= targetRatio && !lost) {
      console.log(
        `PASS runtime-overhead: gantry full ${full.step.toFixed(0)} µs/step = ${ratio.toFixed(2)}x ${fasterPeer.name} ` +
          `(${fasterPeer.step.toFixed(0)} µs/step), target <= ${targetRatio.toFixed(1)}x`,
      );
    } else {
      console.log(
        `FAIL runtime-overhead: gantry full ${full.step.toFixed(0)} µs/step (p95 ${full.p95Step.toFixed(0)}) = ` +
          `${ratio.toFixed(2)}x ${fasterPeer.name} (${fasterPeer.step.toFixed(0)} µs/step), target <= ` +
          `${targetRatio.toFixed(1)}x${lost ? "; spans were lost" : ""}`,
      );
    }
  } finally {
    await telemetry.shutdown();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
