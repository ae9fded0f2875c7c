import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SpanKind } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { openStore, type SpanRecord } from "../../src/store/index.js";
import {
  createTelemetry,
  extractMcpMeta,
  genAiKeys,
  injectMcpMeta,
  runTraceIntegrityChecks,
  runWithJobContext,
  spanNames,
  type Telemetry,
  wrapJobPayload,
} from "../../src/telemetry/index.js";
import { describeTraceIntegrity, type TraceIntegrityHarness } from "./suites/trace-integrity-suite.js";

// The reference harness for the trace integrity suite, built only from the propagation helpers:
// an orchestrator, three concurrent subagents, one of which calls an MCP-style JSON-RPC server over
// real loopback HTTP (a second telemetry instance, as another process would have) and one of which
// hands work to a queue worker that picks it up on a later tick, in a context of its own.

/** Waits `ms`, or rejects as soon as `signal` aborts: the simulated work of a step. */
function work(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** `promise`, or a rejection as soon as `signal` aborts (the caller stops waiting; the work goes on). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** A queue whose worker loop was started outside any run: a job cannot inherit context by accident. */
function createJobQueue(handle: (serialised: string) => Promise<void>) {
  const jobs: string[] = [];
  let wake: () => void = () => {};
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      if (jobs.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const job = jobs.shift();
      if (job !== undefined) await handle(job);
    }
  })();
  return {
    enqueue(serialised: string) {
      jobs.push(serialised);
      wake();
    },
    async stop() {
      stopped = true;
      wake();
      await loop;
    },
  };
}

interface HarnessOptions {
  /** Negative control: the worker ignores the trace context carried by the job. */
  skipJobContext?: boolean;
}

async function createReferenceHarness(options: HarnessOptions = {}): Promise<TraceIntegrityHarness> {
  const folder = mkdtempSync(join(tmpdir(), "gantry-integrity-"));
  const store = await openStore({ root: folder });
  const agentProcess = createTelemetry({ serviceName: "orchestrator", store });
  const toolServerProcess = createTelemetry({ serviceName: "mcp-server", store });
  const jobResults = new Map<string, (result: string) => void>();

  // The MCP-style server: JSON-RPC `tools/call`, trace context read from params._meta only.
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", async () => {
      const message = JSON.parse(body) as { id: number; method: string; params: { name: string } };
      const result = await toolServerProcess.withSpan(
        {
          name: spanNames.mcp(message.method, message.params.name),
          kind: SpanKind.SERVER,
          parent: extractMcpMeta(message.params),
          attributes: { [genAiKeys.mcpMethodName]: message.method, [genAiKeys.jsonRpcRequestId]: message.id },
        },
        () =>
          toolServerProcess.startToolSpan({ name: message.params.name }, async () => {
            await new Promise((resolve) => setTimeout(resolve, 15));
            return { content: [{ type: "text", text: "order 7: refunded" }] };
          }),
      );
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ jsonrpc: "2.0", id: message.id, result }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const mcpUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;

  const queue = createJobQueue(async (serialised) => {
    const payload = JSON.parse(serialised) as { jobId: string; topic: string };
    const process = (job: { jobId: string; topic: string }) =>
      agentProcess.withSpan({ name: "process summaries", kind: SpanKind.CONSUMER }, async () => {
        await agentProcess.startChatSpan({ model: "sim:default" }, () =>
          work(10, new AbortController().signal),
        );
        return `summary of ${job.topic}`;
      });
    const summary = options.skipJobContext
      ? await process(payload)
      : await runWithJobContext(payload, process);
    jobResults.get(payload.jobId)?.(summary);
  });

  let nextId = 0;
  const runOnce = async (telemetry: Telemetry, signal: AbortSignal, halfway: () => void) => {
    let inFlight = 0;
    const reachedFlight = () => {
      inFlight += 1;
      if (inFlight === 3) halfway();
    };
    return telemetry.startAgentSpan(
      { name: "orchestrator", sessionId: `session-${nextId}` },
      async () => {
        await telemetry.startChatSpan({ model: "sim:default" }, () => work(2, signal));
        const researcher = telemetry.spawnSubagent("researcher", () =>
          telemetry.withSpan(
            { name: spanNames.mcp("tools/call", "lookup_order"), kind: SpanKind.CLIENT },
            async () => {
              const id = nextId++;
              const request = fetch(mcpUrl, {
                method: "POST",
                headers: { "content-type": "application/json" },
                body: JSON.stringify({
                  jsonrpc: "2.0",
                  id,
                  method: "tools/call",
                  params: injectMcpMeta({ name: "lookup_order", arguments: { orderId: 7 } }),
                }),
                signal,
              });
              reachedFlight();
              return (await request).json();
            },
          ),
        );
        const writer = telemetry.spawnSubagent("writer", async () => {
          const jobId = `job-${nextId++}`;
          const result = new Promise<string>((resolve) => jobResults.set(jobId, resolve));
          await telemetry.withSpan({ name: "publish summaries", kind: SpanKind.PRODUCER }, () => {
            queue.enqueue(JSON.stringify(wrapJobPayload({ jobId, topic: "refunds" })));
          });
          reachedFlight();
          return abortable(result, signal);
        });
        const reviewer = telemetry.spawnSubagent("reviewer", () =>
          telemetry.startToolSpan({ name: "check_policy" }, async () => {
            reachedFlight();
            await work(20, signal);
          }),
        );
        await Promise.all([researcher, writer, reviewer]);
        await telemetry.startChatSpan({ model: "sim:default" }, () => work(2, signal));
      },
      { signal },
    );
  };

  return {
    run: ({ signal, halfway }) => runOnce(agentProcess, signal, halfway),
    async spans() {
      await Promise.all([agentProcess.flush(), toolServerProcess.flush()]);
      const traces = await store.spans.listRecentTraces({ limit: 500 });
      const spans: SpanRecord[] = [];
      for (const trace of traces) spans.push(...(await store.spans.getTrace(trace.traceId)));
      return spans;
    },
    openSpans: () => agentProcess.stats().openSpans + toolServerProcess.stats().openSpans,
    async close() {
      await queue.stop();
      await new Promise((resolve) => server.close(resolve));
      await Promise.all([agentProcess.shutdown(), toolServerProcess.shutdown()]);
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

describeTraceIntegrity("propagation helpers (reference harness)", () => createReferenceHarness(), {
  requiredSpans: [
    { name: /^invoke_agent orchestrator$/, count: 1 },
    { name: /^invoke_agent (researcher|writer|reviewer)$/, count: 3 },
    { name: /^tools\/call lookup_order$/, count: 2 },
    { name: /^execute_tool lookup_order$/, count: 1 },
    { name: /^publish summaries$/, count: 1 },
    { name: /^process summaries$/, count: 1 },
    { name: /^chat default$/, count: 3 },
  ],
});

describe("trace integrity checks catch a broken hop", () => {
  it("a job consumed without its trace context shows up as a second root", async () => {
    const harness = await createReferenceHarness({ skipJobContext: true });
    try {
      await harness.run({ signal: new AbortController().signal, halfway: () => {} });
      const deadline = Date.now() + 10_000;
      while (harness.openSpans() > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 5));
      const spans = await harness.spans();
      expect(runTraceIntegrityChecks(spans).map((violation) => violation.kind)).toContain("multiple-roots");
    } finally {
      await harness.close();
    }
  });
});
