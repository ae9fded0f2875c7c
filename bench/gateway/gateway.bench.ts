// Gateway overhead: 10,000 chat completions at concurrency 32 to a loopback fake OpenAI upstream,
// sent directly and through Gantry's gateway (and Portkey's, when it runs here), in the same run.
// Run: npm run bench gateway (GATEWAY_BENCH_REQUESTS, GATEWAY_BENCH_DELAY_MS override the defaults).
//
// Layout (decided for fairness on a 2-core machine): the upstream, Gantry and Portkey each run in
// their own child process, as they would in production, and this process only generates load. An
// in-process gateway would share the load generator's event loop and be charged for its work.
//
// The upstream answers after a fixed 20 ms: real providers take hundreds of milliseconds to seconds,
// so a zero-delay upstream would measure a case no user has (the gateway's CPU time as the whole
// latency) and make concurrency meaningless. 20 ms is still far below any real model, so the
// gateway's CPU cost per request remains visible in throughput.

import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { type ChildServer, processCpuMs, startChild } from "./child-process.js";
import { type LoadResult, type LoadTarget, quantile, runLoad } from "./load-generator.js";

const requests = Number(process.env.GATEWAY_BENCH_REQUESTS ?? 10_000);
const responseDelayMs = Number(process.env.GATEWAY_BENCH_DELAY_MS ?? 20);
const concurrency = 32;
const warmupRequests = 500;
const rounds = 2;
// A short sequential run shows the gateway's own added latency when nothing queues behind it.
const sequentialRequests = 200;
const targets = { addedP50Ms: 1, throughputRatio: 0.7, portkeyRatio: 1.5 };

const here = import.meta.dirname;
const portkeyEntry = join(
  here,
  "..",
  "peers",
  "node_modules",
  "@portkey-ai",
  "gateway",
  "build",
  "start-server.js",
);
const chat = (model: string) =>
  JSON.stringify({ model, max_tokens: 64, messages: [{ role: "user", content: "Where is my order 1234?" }] });

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

// Portkey is measured only if it installed and starts here; otherwise the reason is printed.
async function startPortkey(): Promise<ChildServer | string> {
  if (!existsSync(portkeyEntry)) return "not installed (run `cd bench/peers && npm install`)";
  const port = await freePort();
  try {
    const server = await startChild(
      [portkeyEntry, `--port=${port}`, "--headless"],
      /(http:\/\/localhost:\d+)/,
      {
        cwd: join(here, "..", "peers"),
        env: { ...process.env, NODE_ENV: "production" },
        stopWith: "SIGTERM",
      },
    );
    return { ...server, url: `http://127.0.0.1:${port}` };
  } catch (error) {
    return `did not start: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
  }
}

interface Summary {
  name: string;
  /** CPU the target's own process spent per request (not the load generator's or upstream's). */
  cpuPerRequestMs?: number;
  p50: number;
  p95: number;
  throughput: number;
  errors: number;
  firstError?: string;
}

function summarise(name: string, results: LoadResult[], cpuMs: number | undefined): Summary {
  const latencies = results.flatMap((result) => result.latenciesMs);
  const wallMs = results.reduce((sum, result) => sum + result.wallMs, 0);
  const errors = results.reduce((sum, result) => sum + result.errors, 0);
  const firstError = results.find((result) => result.firstError)?.firstError;
  return {
    name,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    throughput: (latencies.length / wallMs) * 1000,
    errors,
    ...(firstError ? { firstError } : {}),
    ...(cpuMs === undefined ? {} : { cpuPerRequestMs: cpuMs / latencies.length }),
  };
}

const upstream = await startChild(
  ["--import", "tsx", join(here, "upstream-process.ts"), String(responseDelayMs)],
  /upstream (\S+)/,
);
const gantry = await startChild(
  ["--import", "tsx", join(here, "gantry-process.ts"), upstream.url],
  /gateway (\S+)/,
);
const portkey = await startPortkey();

const pids = new Map<string, number | undefined>([
  ["direct", upstream.child.pid],
  ["gantry", gantry.child.pid],
  ["portkey", typeof portkey === "string" ? undefined : portkey.child.pid],
]);
const loadTargets: LoadTarget[] = [
  { name: "direct", url: `${upstream.url}/chat/completions`, headers: {}, body: chat("gpt-4o-mini") },
  {
    name: "gantry",
    url: `${gantry.url}/v1/chat/completions`,
    headers: { authorization: "Bearer sk-bench" },
    body: chat("tier:bench"),
  },
];
if (typeof portkey !== "string") {
  loadTargets.push({
    name: "portkey",
    url: `${portkey.url}/v1/chat/completions`,
    headers: {
      authorization: "Bearer bench-key",
      "x-portkey-provider": "openai",
      "x-portkey-custom-host": upstream.url,
    },
    body: chat("gpt-4o-mini"),
  });
}

try {
  console.log(
    `gateway overhead: ${requests} requests per target at concurrency ${concurrency}, upstream delay ${responseDelayMs} ms, ${rounds} rounds in alternating order`,
  );
  for (const target of loadTargets) await runLoad(target, warmupRequests, concurrency);
  const results = new Map<string, LoadResult[]>(loadTargets.map((target) => [target.name, []]));
  const cpu = new Map<string, number>();
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? loadTargets : [...loadTargets].reverse();
    for (const target of order) {
      const before = processCpuMs(pids.get(target.name));
      results.get(target.name)!.push(await runLoad(target, requests / rounds, concurrency));
      const after = processCpuMs(pids.get(target.name));
      if (before !== undefined && after !== undefined)
        cpu.set(target.name, (cpu.get(target.name) ?? 0) + after - before);
    }
  }
  const summaries = new Map([...results].map(([name, runs]) => [name, summarise(name, runs, cpu.get(name))]));
  for (const summary of summaries.values()) {
    const cpuText =
      summary.cpuPerRequestMs === undefined
        ? ""
        : `  ${summary.cpuPerRequestMs.toFixed(2)} ms CPU/req in ${summary.name === "direct" ? "upstream" : summary.name}`;
    console.log(
      `${summary.name.padEnd(8)} p50 ${summary.p50.toFixed(2)} ms  p95 ${summary.p95.toFixed(2)} ms  ${summary.throughput.toFixed(0)} req/s${cpuText}${summary.errors > 0 ? `  ${summary.errors} errors (first: ${summary.firstError})` : ""}`,
    );
  }
  const direct = summaries.get("direct")!;
  const ours = summaries.get("gantry")!;
  const addedP50 = ours.p50 - direct.p50;
  const ratio = ours.throughput / direct.throughput;
  console.log(`added p50 ${addedP50.toFixed(2)} ms (target < ${targets.addedP50Ms} ms)`);
  console.log(`throughput gantry/direct ${ratio.toFixed(2)} (target >= ${targets.throughputRatio})`);
  const clean = direct.errors === 0 && ours.errors === 0;
  if (clean && addedP50 < targets.addedP50Ms && ratio >= targets.throughputRatio)
    console.log("PASS gateway overhead");
  else
    console.log(
      `FAIL gateway overhead: ${clean ? `added p50 ${addedP50.toFixed(2)} ms, throughput ratio ${ratio.toFixed(2)}` : "requests failed"}`,
    );
  const sequential = new Map<string, Summary>();
  for (const target of loadTargets.slice(0, 2))
    sequential.set(
      target.name,
      summarise(target.name, [await runLoad(target, sequentialRequests, 1)], undefined),
    );
  const sequentialAdded = sequential.get("gantry")!.p50 - sequential.get("direct")!.p50;
  console.log(
    `info: one request at a time (${sequentialRequests} each), added p50 ${sequentialAdded.toFixed(2)} ms: the gateway's own cost without queueing`,
  );
  const theirs = summaries.get("portkey");
  if (typeof portkey === "string") console.log(`SKIP portkey comparison: @portkey-ai/gateway ${portkey}`);
  else if (theirs && theirs.errors > 0)
    console.log(`SKIP portkey comparison: its requests failed (${theirs.firstError})`);
  else if (theirs) {
    const versus = ours.throughput / theirs.throughput;
    console.log(`throughput gantry/portkey ${versus.toFixed(2)} (target >= ${targets.portkeyRatio})`);
    // Wall-clock throughput moves with whatever else the machine runs; CPU per request barely does.
    if (theirs.cpuPerRequestMs !== undefined && ours.cpuPerRequestMs !== undefined)
      console.log(
        `info: CPU per request portkey/gantry ${(theirs.cpuPerRequestMs / ours.cpuPerRequestMs).toFixed(2)}`,
      );
    console.log(
      versus >= targets.portkeyRatio
        ? "PASS gantry vs portkey"
        : `FAIL gantry vs portkey: ${versus.toFixed(2)}`,
    );
  }
} finally {
  if (typeof portkey !== "string") await portkey.stop();
  await gantry.stop();
  await upstream.stop();
}
