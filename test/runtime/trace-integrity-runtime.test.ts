import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig, type Workspace } from "../../src/core/index.js";
import { defineAgent, defineTool, z } from "../../src/index.js";
import { createModelAccess } from "../../src/models/index.js";
import { createRuntime } from "../../src/runtime/index.js";
import { openStore, type SpanRecord } from "../../src/store/index.js";
import { createTelemetry } from "../../src/telemetry/index.js";
import {
  describeTraceIntegrity,
  type TraceIntegrityHarness,
} from "../telemetry/suites/trace-integrity-suite.js";

// The trace integrity suite on real agents: an orchestrator whose one step calls three subagents in
// parallel, one of which runs a tool that is still working when the test aborts the run.

const scenario = `
rules:
  - match: { system: "orchestrate", toolResults: true }
    reply: { text: "All three are done." }
  - match: { system: "orchestrate" }
    reply:
      toolCalls:
        - { name: researcher, arguments: { input: "find the order" } }
        - { name: writer, arguments: { input: "draft the reply" } }
        - { name: reviewer, arguments: { input: "check the policy" } }
  - match: { system: "research" }
    reply: { text: "Order A-1001 was delivered." }
  - match: { system: "write", toolResults: [draft] }
    reply: { text: "Draft written." }
  - match: { system: "write" }
    reply: { toolCalls: [{ name: draft, arguments: { topic: "refund" } }] }
  - match: { system: "review" }
    reply: { text: "Within policy." }
`;

async function createRuntimeHarness(): Promise<TraceIntegrityHarness> {
  const root = mkdtempSync(join(tmpdir(), "gantry-trace-runtime-"));
  writeFileSync(join(root, "trace.sim.yaml"), scenario);
  const store = await openStore({ root });
  const telemetry = createTelemetry({ serviceName: "runtime-trace-test", projectId: "default", store });
  let halfway: () => void = () => {};
  const draft = defineTool({
    name: "draft",
    description: "Write a draft",
    input: z.object({ topic: z.string() }),
    execute: async ({ topic }, { signal }) => {
      halfway();
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, 30);
        signal.addEventListener("abort", () => {
          clearTimeout(timer);
          reject(signal.reason);
        });
      });
      return { draft: `about ${topic}` };
    },
  });
  const researcher = defineAgent({ name: "researcher", instructions: "You research." });
  const writer = defineAgent({ name: "writer", instructions: "You write.", tools: [draft] });
  const reviewer = defineAgent({ name: "reviewer", instructions: "You review." });
  const orchestrator = defineAgent({
    name: "orchestrator",
    instructions: "You orchestrate.",
    subagents: [researcher, writer, reviewer],
  });
  const config = parseConfig({ models: { default: "sim:default", sim: { scenarios: ["trace.sim.yaml"] } } });
  const workspace: Workspace = { root, configFile: undefined, config };
  const modelAccess = await createModelAccess({ workspace, env: {}, store, telemetry });
  const runtime = createRuntime({ agents: [orchestrator], models: modelAccess.client, store, telemetry });
  let session = 0;
  return {
    async run({ signal, halfway: onHalfway }) {
      halfway = onHalfway;
      return runtime.run("orchestrator", {
        input: "handle the ticket",
        signal,
        sessionId: `session-${session++}`,
      });
    },
    async spans() {
      await telemetry.flush();
      const traces = await store.spans.listRecentTraces({ limit: 100 });
      const spans: SpanRecord[] = [];
      for (const trace of traces) spans.push(...(await store.spans.getTrace(trace.traceId)));
      return spans;
    },
    openSpans: () => telemetry.stats().openSpans,
    async close() {
      await telemetry.shutdown();
      await store.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

describeTraceIntegrity("the agent runtime", createRuntimeHarness, {
  requiredSpans: [
    { name: /^invoke_agent orchestrator$/, count: 1 },
    { name: /^invoke_agent (researcher|writer|reviewer)$/, count: 3 },
    { name: /^execute_tool (researcher|writer|reviewer)$/, count: 3 },
    { name: /^execute_tool draft$/, count: 1 },
    { name: /^chat /, count: 6 },
  ],
});
