import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWorkspace } from "../../src/core/index.js";
import { mintApiKey } from "../../src/guard/index.js";
import { type RunningServer, startServer } from "../../src/server/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { agentWorkspace } from "../support/agent-workspace.js";
import { eventually } from "../support/eventually.js";
import { readJson } from "../support/read-json.js";
import { readSse } from "./read-sse.js";

// The agents and runs API on a real server on loopback, over the workspace's real runtime (sim model,
// SQLite store): JSON and SSE runs, the run detail and list, resume, and errors for bad requests.

const noKeys = { OPENAI_API_KEY: "", ANTHROPIC_API_KEY: "", OLLAMA_BASE_URL: "", OPENAI_BASE_URL: "" };

let store: Store;
let server: RunningServer;

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

beforeAll(async () => {
  const root = agentWorkspace();
  const workspace = await loadWorkspace(root);
  store = await openStore({ root });
  server = await startServer({ workspace, store, host: "127.0.0.1", port: 0, env: noKeys });
});

afterAll(async () => {
  await server?.close();
  await store?.close();
});

describe("GET /api/v1/agents", () => {
  it("lists the workspace's agents with their tools, annotations, input schemas and limits", async () => {
    const response = await fetch(`${server.url}/api/v1/agents`);
    expect(response.status).toBe(200);
    const { agents } = await readJson(response);
    expect(agents.map((agent: { name: string }) => agent.name)).toEqual([
      "helper",
      "budgeted",
      "stepper",
      "gated",
    ]);
    const helper = agents[0];
    expect(helper).toMatchObject({
      name: "helper",
      version: "1.0.0",
      description: "Answers order questions.",
      model: null,
      prompt: null,
      subagents: [],
      outputSchema: null,
      limits: { maxSteps: 10, maxToolCalls: 25 },
    });
    expect(helper.tools).toEqual([
      {
        name: "lookup_order",
        description: "Look up an order by id.",
        annotations: { readOnly: true, idempotent: true },
        timeoutMs: 30_000,
        inputSchema: expect.objectContaining({
          type: "object",
          properties: { orderId: { type: "string" } },
          required: ["orderId"],
        }),
      },
    ]);
    expect(agents[2].limits.maxSteps).toBe(1);
  });
});

describe("POST /api/v1/agents/:name/runs", () => {
  it("runs the agent and answers its RunResult as JSON (201), then the run reads back with its trace", async () => {
    const response = await post("/api/v1/agents/helper/runs", {
      input: "Where is my order?",
      sessionId: "s-1",
    });
    expect(response.status).toBe(201);
    const result = await readJson(response);
    expect(result).toMatchObject({
      agent: "helper",
      status: "completed",
      output: "Order A-7 is shipped.",
      stopReason: "final-answer",
      steps: 2,
      toolCalls: 1,
      trips: [],
    });
    expect(result.costMicros).toBeGreaterThan(0);
    expect(response.headers.get("location")).toBe(`/api/v1/runs/${result.runId}`);

    const detail = await readJson(await fetch(`${server.url}/api/v1/runs/${result.runId}`));
    expect(detail.run).toMatchObject({
      runId: result.runId,
      agent: "helper",
      agentVersion: "1.0.0",
      status: "completed",
      sessionId: "s-1",
      input: "Where is my order?",
      output: "Order A-7 is shipped.",
      costMicros: result.costMicros,
      steps: 2,
      toolCalls: 1,
      traceId: result.traceId,
      resumable: false,
    });
    expect(detail.state.toolCalls).toEqual([
      expect.objectContaining({
        toolName: "lookup_order",
        status: "completed",
        input: { orderId: "A-7" },
        output: { orderId: "A-7", status: "shipped" },
      }),
    ]);
    expect(detail.links.trace).toBe(`/api/v1/traces/${result.traceId}`);
    // Spans reach the store through the telemetry exporter's batch: wait for the trace to appear.
    const trace = await eventually(
      () => fetch(`${server.url}${detail.links.trace}`),
      (answer) => answer.status === 200,
    );
    expect((await readJson(trace)).trace.agent).toBe("helper");
  });

  it("streams the run's events as SSE with Accept: text/event-stream, ending with `end`, to the same result", async () => {
    const response = await post(
      "/api/v1/agents/helper/runs",
      { input: "order?" },
      { accept: "text/event-stream" },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const events = await readSse(response);
    const types = events.map((event) => event.event);
    expect(types[0]).toBe("run-start");
    expect(types.at(-1)).toBe("end");
    expect(types.filter((type) => type === "end")).toHaveLength(1);
    expect(types).toEqual(
      expect.arrayContaining(["step-start", "tool-call-start", "tool-call-end", "text-delta", "run-finish"]),
    );
    for (const event of events) expect(event.data.type).toBe(event.event);
    expect(events.map((event) => Number(event.id))).toEqual(events.map((_, index) => index + 1));
    const text = events
      .filter((event) => event.event === "text-delta")
      .map((event) => event.data.delta)
      .join("");
    expect(text).toBe("Order A-7 is shipped.");
    const finish = events.find((event) => event.event === "run-finish")!.data;
    expect(finish).toMatchObject({ status: "completed", output: "Order A-7 is shipped." });

    // The streamed run and an unstreamed one of the same conversation end in the same state and cost.
    const runId = events[0]!.data.runId;
    const streamed = await readJson(await fetch(`${server.url}/api/v1/runs/${runId}`));
    const plain = await readJson(await post("/api/v1/agents/helper/runs", { input: "order?" }));
    expect(streamed.run).toMatchObject({
      status: plain.status,
      costMicros: plain.costMicros,
      steps: plain.steps,
    });
    expect(finish.costMicros).toBe(plain.costMicros);
  });

  it("streams with `stream: true` in the body too", async () => {
    const response = await post("/api/v1/agents/helper/runs", { input: "order?", stream: true });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const events = await readSse(response);
    expect(events.at(-1)?.event).toBe("end");
  });

  it("answers bad requests in the API's error shape: unknown agent 404, bad body 400", async () => {
    const unknown = await post("/api/v1/agents/nobody/runs", { input: "hi" });
    expect(unknown.status).toBe(404);
    const unknownError = (await readJson(unknown)).error;
    expect(unknownError).toMatchObject({ code: "AGENT_NOT_FOUND", category: "USER" });
    expect(unknownError.message).toContain("helper, budgeted, stepper, gated");

    const noInput = await post("/api/v1/agents/helper/runs", { sessionId: "s-1" });
    expect(noInput.status).toBe(400);
    const noInputError = (await readJson(noInput)).error;
    expect(noInputError).toMatchObject({ code: "RUN_REQUEST_INVALID", domain: "SERVER" });
    expect(noInputError.message).toContain("input: is required");

    const typo = await post("/api/v1/agents/helper/runs", { input: "hi", sesionId: "s-1" });
    expect(typo.status).toBe(400);
    expect((await readJson(typo)).error.message).toContain("sesionId: unknown field");

    const wrongType = await post("/api/v1/agents/helper/runs", { input: "hi", stream: "yes" });
    expect(wrongType.status).toBe(400);
    expect((await readJson(wrongType)).error.message).toContain("stream: expected boolean");

    const notJson = await post("/api/v1/agents/helper/runs", "{input:");
    expect(notJson.status).toBe(400);
    expect((await readJson(notJson)).error.message).toContain("not JSON");

    // Nothing was started by any of them.
    const runs = await readJson(await fetch(`${server.url}/api/v1/runs?sessionId=s-1`));
    expect(runs.runs).toHaveLength(1);
  });
});

describe("GET /api/v1/runs and POST /api/v1/runs/:id/resume", () => {
  it("lists runs newest first, filtered by agent, status and session, with a cursor", async () => {
    const failed = await readJson(await post("/api/v1/agents/stepper/runs", { input: "order?" }));
    expect(failed).toMatchObject({
      status: "failed",
      stopReason: "max-steps",
      error: { code: "RUN_LIMIT_REACHED" },
    });

    const all = await readJson(await fetch(`${server.url}/api/v1/runs?limit=2`));
    expect(all.runs).toHaveLength(2);
    expect(all.runs[0].runId).toBe(failed.runId);
    expect(all.nextCursor).toBe(all.runs[1].runId);
    const next = await readJson(await fetch(`${server.url}/api/v1/runs?limit=2&cursor=${all.nextCursor}`));
    expect(next.runs[0].runId < all.runs[1].runId).toBe(true);

    const byStatus = await readJson(await fetch(`${server.url}/api/v1/runs?status=failed,cancelled`));
    expect(byStatus.runs.map((run: { runId: string }) => run.runId)).toEqual([failed.runId]);
    const byAgent = await readJson(await fetch(`${server.url}/api/v1/runs?agent=stepper`));
    expect(byAgent.runs.map((run: { runId: string }) => run.runId)).toEqual([failed.runId]);

    const bad = await fetch(`${server.url}/api/v1/runs?status=done`);
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).error).toMatchObject({
      code: "QUERY_PARAMETER_INVALID",
      details: { parameter: "status" },
    });
    const missing = await fetch(`${server.url}/api/v1/runs/run_nothing`);
    expect(missing.status).toBe(404);
    expect((await readJson(missing)).error.code).toBe("RUN_NOT_FOUND");
  });

  it("resumes a paused run as JSON or SSE, and refuses a finished one with 409", async () => {
    const paused = await readJson(await post("/api/v1/agents/budgeted/runs", { input: "order?" }));
    expect(paused).toMatchObject({ status: "paused", pause: { reason: "budget" }, steps: 0 });
    const detail = await readJson(await fetch(`${server.url}/api/v1/runs/${paused.runId}`));
    expect(detail.run).toMatchObject({ status: "paused", resumable: true, pause: { reason: "budget" } });
    expect(detail.links.resume).toBe(`/api/v1/runs/${paused.runId}/resume`);

    // The cap has not changed, so the resumed run pauses again: still a 200 with the paused result.
    const again = await fetch(`${server.url}${detail.links.resume}`, { method: "POST" });
    expect(again.status).toBe(200);
    expect(await readJson(again)).toMatchObject({ runId: paused.runId, status: "paused" });
    const streamed = await post(detail.links.resume, {}, { accept: "text/event-stream" });
    const events = await readSse(streamed);
    expect(events[0]).toMatchObject({ event: "run-start", data: { runId: paused.runId, resumed: true } });
    expect(events.map((event) => event.event)).toContain("run-pause");
    expect(events.at(-1)?.event).toBe("end");

    const completed = await readJson(await post("/api/v1/agents/helper/runs", { input: "order?" }));
    const refused = await post(`/api/v1/runs/${completed.runId}/resume`, {});
    expect(refused.status).toBe(409);
    expect((await readJson(refused)).error).toMatchObject({ code: "RUN_NOT_RESUMABLE" });
    const unknown = await post("/api/v1/runs/run_nothing/resume", {});
    expect(unknown.status).toBe(404);
    const badBody = await post(`/api/v1/runs/${paused.runId}/resume`, { input: "more" });
    expect(badBody.status).toBe(400);
    expect((await readJson(badBody)).error.message).toContain("input: unknown field");
  });

  it("needs the write scope to start or resume a run once keys exist, and read to list", async () => {
    const project = await store.projects.ensureDefault();
    const minted = mintApiKey();
    await store.apiKeys.create({
      projectId: project.id,
      name: "reader",
      prefix: minted.prefix,
      secretHash: minted.secretHash,
      scopes: ["read"],
    });
    const auth = { authorization: `Bearer ${minted.secret}` };
    // The server re-reads "does any key exist" at most once a second: wait until keys are in force.
    await eventually(
      () => fetch(`${server.url}/api/v1/runs`),
      (response) => response.status === 401,
    );
    const refused = await post("/api/v1/agents/helper/runs", { input: "hi" }, auth);
    expect(refused.status).toBe(403);
    expect((await readJson(refused)).error.code).toBe("AUTH_SCOPE_MISSING");
    expect((await fetch(`${server.url}/api/v1/runs`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/agents`, { headers: auth })).status).toBe(200);
  });
});
