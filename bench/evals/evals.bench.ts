// Eval runner throughput (issue 8).
//  1. 1,000 cases on `sim` with a fixed 50 ms latency at concurrency 32: wall time against the ideal
//     (cases × latency / concurrency). Target: <= 1.3x ideal. Gantry runs as a user runs it: every
//     trial in its own trace exported to SQLite, every result stored as it finishes.
//  2. The same 200-case suite against the same loopback fake OpenAI upstream (50 ms per answer),
//     Gantry's runner and promptfoo's `evaluate` (from bench/peers/), same concurrency, no cache, in
//     the same run, alternating order. Target: Gantry's wall time <= 0.7x promptfoo's.
// Run: npm run bench evals, or npx tsx bench/evals/evals.bench.ts
// Peer: cd bench/peers && npm install (promptfoo); without it part 2 prints SKIP.

import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseConfig, type Workspace } from "../../src/core/index.js";
import { buildScorers, datasetOf, type EvalCase, runEval } from "../../src/evals/index.js";
import { createModelAccess } from "../../src/models/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { createTelemetry, type Telemetry } from "../../src/telemetry/index.js";
import { startFakeOpenAIServer } from "../../test/support/fake-upstreams/index.js";

const latencyMs = 50;
const simCases = 1000;
const simConcurrency = 32;
const simTarget = 1.3;
const peerCases = 200;
const peerConcurrency = 16;
const peerTarget = 0.7;
const rounds = Number(process.env.EVALS_BENCH_ROUNDS) || 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function cases(count: number): EvalCase[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `case-${index}`,
    input: `Ticket ${index}: where is my order A-${1000 + index}?`,
    tags: [],
    source: "synthetic" as const,
  }));
}

interface Harness {
  store: Store;
  telemetry: Telemetry;
  root: string;
  close(): Promise<void>;
}

async function harness(
  models: Record<string, unknown>,
  env: Record<string, string> = {},
): Promise<Harness & { run(count: number, concurrency: number, model: string): Promise<number> }> {
  const root = mkdtempSync(join(tmpdir(), "gantry-bench-evals-"));
  const store = await openStore({ root });
  const telemetry = createTelemetry({ serviceName: "bench-evals", store });
  const workspace: Workspace = { root, configFile: undefined, config: parseConfig({ models }) };
  const modelAccess = await createModelAccess({ workspace, store, env, telemetry });
  const scorers = await buildScorers([{ type: "regex", pattern: "." }], { root });
  return {
    root,
    store,
    telemetry,
    async run(count, concurrency, model) {
      const started = performance.now();
      const outcome = await runEval({
        suite: { name: "bench", target: { kind: "model", model }, scorers },
        dataset: datasetOf("bench", cases(count)),
        deps: { store, modelAccess, telemetry },
        options: { concurrency },
      });
      const wall = performance.now() - started;
      if (outcome.summary.passedCases !== count) {
        throw new Error(`expected ${count} passing cases, got ${outcome.summary.passedCases}`);
      }
      await telemetry.flush();
      return wall;
    },
    async close() {
      await telemetry.shutdown();
      await store.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

async function simPart(): Promise<void> {
  const bench = await harness({
    default: "sim:default",
    // The whole answer takes 50 ms (no extra time per streamed chunk): the latency the target names.
    sim: { latency: { kind: "fixed", ms: latencyMs, chunkMs: 0 } },
  });
  try {
    await bench.run(64, simConcurrency, "sim:default"); // warm-up
    const walls: number[] = [];
    for (let round = 0; round < rounds; round++)
      walls.push(await bench.run(simCases, simConcurrency, "sim:default"));
    const ideal = (simCases * latencyMs) / simConcurrency;
    const wall = median(walls);
    const ratio = wall / ideal;
    console.log(
      `sim: ${simCases} cases at ${latencyMs} ms, concurrency ${simConcurrency}: median wall ${wall.toFixed(0)} ms ` +
        `(rounds ${walls.map((w) => w.toFixed(0)).join(", ")}), ideal ${ideal.toFixed(0)} ms, ratio ${ratio.toFixed(2)}x (target <= ${simTarget}x)`,
    );
    console.log(
      ratio <= simTarget
        ? "PASS evals-sim-throughput"
        : `FAIL evals-sim-throughput: ${ratio.toFixed(2)}x ideal`,
    );
  } finally {
    await bench.close();
  }
}

interface PromptfooModule {
  evaluate(
    testSuite: unknown,
    options?: unknown,
  ): Promise<{ toEvaluateSummary?: () => Promise<unknown> } | unknown>;
}

async function loadPromptfoo(): Promise<PromptfooModule | string> {
  const peers = join(import.meta.dirname, "..", "peers");
  try {
    const resolved = createRequire(join(peers, "package.json")).resolve("promptfoo");
    return (await import(pathToFileURL(resolved).href)) as PromptfooModule;
  } catch (error) {
    return `promptfoo is not installed in bench/peers (cd bench/peers && npm install): ${(error as Error).message.split("\n")[0]}`;
  }
}

/** One promptfoo evaluation; fails unless every case reached the upstream and passed. */
async function promptfooRun(
  promptfoo: PromptfooModule,
  upstream: { baseURL: string; readonly requestCount: number },
): Promise<number> {
  const baseURL = upstream.baseURL;
  const before = upstream.requestCount;
  const started = performance.now();
  const result = await promptfoo.evaluate(
    {
      prompts: ["{{question}}"],
      providers: [{ id: "openai:chat:gpt-4o-mini", config: { apiBaseUrl: baseURL, apiKey: "bench" } }],
      tests: cases(peerCases).map((testCase) => ({
        vars: { question: testCase.input },
        assert: [{ type: "regex", value: "." }],
      })),
      writeLatestResults: false,
    },
    { maxConcurrency: peerConcurrency, cache: false, showProgressBar: false },
  );
  const wall = performance.now() - started;
  const summary = await (
    result as { toEvaluateSummary(): Promise<{ stats: { successes: number } }> }
  ).toEvaluateSummary();
  const requests = upstream.requestCount - before;
  if (summary.stats.successes !== peerCases || requests < peerCases) {
    throw new Error(
      `promptfoo: ${summary.stats.successes} of ${peerCases} passed with ${requests} upstream requests`,
    );
  }
  return wall;
}

async function peerPart(): Promise<void> {
  const promptfoo = await loadPromptfoo();
  if (typeof promptfoo === "string") {
    console.log(`SKIP evals-vs-promptfoo: ${promptfoo}`);
    return;
  }
  const upstream = await startFakeOpenAIServer({
    responseDelayMs: latencyMs,
    record: false,
    models: ["gpt-4o-mini"],
  });
  process.env.PROMPTFOO_DISABLE_TELEMETRY = "1";
  process.env.PROMPTFOO_DISABLE_UPDATE = "1";
  // Gantry's openai provider points at the same loopback upstream.
  const bench = await harness(
    { default: "openai:gpt-4o-mini" },
    { OPENAI_API_KEY: "bench", OPENAI_BASE_URL: upstream.baseURL },
  );
  try {
    const gantryWalls: number[] = [];
    const peerWalls: number[] = [];
    await bench.run(20, peerConcurrency, "openai:gpt-4o-mini");
    await promptfooRun(promptfoo, upstream);
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? ["gantry", "promptfoo"] : ["promptfoo", "gantry"];
      for (const who of order) {
        if (who === "gantry")
          gantryWalls.push(await bench.run(peerCases, peerConcurrency, "openai:gpt-4o-mini"));
        else peerWalls.push(await promptfooRun(promptfoo, upstream));
      }
    }
    const ours = median(gantryWalls);
    const theirs = median(peerWalls);
    const ratio = ours / theirs;
    console.log(
      `vs promptfoo: ${peerCases} cases, fake OpenAI upstream at ${latencyMs} ms, concurrency ${peerConcurrency}: ` +
        `gantry ${ours.toFixed(0)} ms, promptfoo ${theirs.toFixed(0)} ms, ratio ${ratio.toFixed(2)}x (target <= ${peerTarget}x)`,
    );
    console.log(
      ratio <= peerTarget
        ? "PASS evals-vs-promptfoo"
        : `FAIL evals-vs-promptfoo: ${ratio.toFixed(2)}x promptfoo`,
    );
  } finally {
    await bench.close();
    await upstream.close();
  }
}

await simPart();
await peerPart();
