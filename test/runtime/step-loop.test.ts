import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineAgent, defineTool } from "../../src/runtime/index.js";
import { collectEvents, runtimeHarness } from "./runtime-harness.js";

// The step loop end to end on the sim model: tool calls with validated input and output, tool errors
// returned to the model, structured output, limits, and the event stream's shape.

const orderScenario = `
rules:
  - name: answer
    match: { toolResults: [lookup_order] }
    reply: { text: "Order {{toolResult.lookup_order.orderId}} is {{toolResult.lookup_order.status}}." }
  - name: look-up
    match: { lastUserText: "order" }
    reply: { toolCalls: [{ name: lookup_order, arguments: { orderId: "A-1001" } }] }
`;

function lookupOrder(result: (orderId: string) => unknown) {
  return defineTool({
    name: "lookup_order",
    description: "Look up an order by its id",
    input: z.object({ orderId: z.string().regex(/^A-\d+$/) }),
    output: z.object({ orderId: z.string(), status: z.string() }),
    annotations: { readOnly: true },
    execute: ({ orderId }) => result(orderId) as { orderId: string; status: string },
  });
}

describe("the step loop", () => {
  it("calls a tool, feeds the result back and finishes with the model's answer", async () => {
    const agent = defineAgent({
      name: "support",
      instructions: "Help.",
      tools: [lookupOrder((orderId) => ({ orderId, status: "shipped" }))],
    });
    const { runtime, store } = await runtimeHarness({ agents: [agent], scenario: orderScenario });
    const handle = await runtime.start("support", { input: "Where is my order?" });
    const events = await collectEvents(handle.events);
    const result = await handle.result;
    expect(result).toMatchObject({
      status: "completed",
      output: "Order A-1001 is shipped.",
      stopReason: "final-answer",
      steps: 2,
      toolCalls: 1,
    });
    expect(result.costMicros).toBeGreaterThan(0);
    expect(events.map((event) => event.type)).toEqual([
      "run-start",
      "step-start",
      "step-end",
      "tool-call-start",
      "tool-call-end",
      "step-start",
      "step-end",
      "run-finish",
      "end",
    ]);
    const record = await store.runs.get(result.runId);
    expect(record).toMatchObject({
      status: "completed",
      output: "Order A-1001 is shipped.",
      costMicros: result.costMicros,
      schemaVersion: 1,
    });
    expect(
      (record!.state as { toolCalls: Array<{ status: string; idempotencyKey: string }> }).toolCalls,
    ).toEqual([
      expect.objectContaining({
        status: "completed",
        idempotencyKey: `${result.runId}:${(events[3] as { toolCallId: string }).toolCallId}`,
      }),
    ]);
  });

  it("returns a tool's error to the model as the tool result and carries on", async () => {
    const agent = defineAgent({
      name: "support",
      instructions: "Help.",
      tools: [
        lookupOrder(() => {
          throw new Error("orders database is down");
        }),
      ],
    });
    const scenario = `
rules:
  - match: { toolResults: [lookup_order] }
    reply: { text: "Sorry, I could not look that up: {{lastToolResult}}" }
  - match: { lastUserText: "order" }
    reply: { toolCalls: [{ name: lookup_order, arguments: { orderId: "A-1" } }] }
`;
    const { runtime } = await runtimeHarness({ agents: [agent], scenario });
    const handle = await runtime.start("support", { input: "my order?" });
    const events = await collectEvents(handle.events);
    const result = await handle.result;
    expect(result.status).toBe("completed");
    expect(result.output).toContain("orders database is down");
    expect(events.find((event) => event.type === "tool-call-end")).toMatchObject({
      error: { code: "TOOL_FAILED" },
    });
  });

  it("rejects invalid tool arguments back to the model without running the tool", async () => {
    let ran = 0;
    const agent = defineAgent({
      name: "support",
      instructions: "Help.",
      tools: [
        lookupOrder((orderId) => {
          ran++;
          return { orderId, status: "x" };
        }),
      ],
    });
    const scenario = `
rules:
  - match: { toolResults: [lookup_order] }
    reply: { text: "Tool said: {{lastToolResult}}" }
  - match: { lastUserText: "order" }
    reply: { toolCalls: [{ name: lookup_order, arguments: { orderId: "not-an-id" } }] }
`;
    const { runtime } = await runtimeHarness({ agents: [agent], scenario });
    const result = await runtime.run("support", { input: "order please" });
    expect(ran).toBe(0);
    expect(result.output).toContain("Invalid arguments for lookup_order: orderId");
  });

  it("fails loudly when a tool's result breaks its output schema (a renamed field)", async () => {
    const agent = defineAgent({
      name: "support",
      instructions: "Help.",
      tools: [lookupOrder((orderId) => ({ order_id: orderId, status: "shipped" }))],
    });
    const { runtime, store } = await runtimeHarness({ agents: [agent], scenario: orderScenario });
    const result = await runtime.run("support", { input: "Where is my order?" });
    expect(result.status).toBe("failed");
    expect(result.error).toMatchObject({ code: "TOOL_OUTPUT_INVALID" });
    expect(result.error?.message).toContain("orderId");
    expect((await store.runs.get(result.runId))?.status).toBe("failed");
  });

  it("validates structured output and re-asks until it matches", async () => {
    const scenario = `
rules:
  - name: good
    match: { lastUserText: "did not match" }
    reply: { object: { category: refund, confidence: 0.9 } }
  - name: bad
    reply: { object: { category: refunds, confidence: 3 } }
`;
    const agent = defineAgent({
      name: "triage",
      instructions: "Classify.",
      output: z.object({ category: z.enum(["refund", "shipping"]), confidence: z.number().max(1) }),
    });
    const { runtime } = await runtimeHarness({ agents: [agent], scenario });
    const result = await runtime.run("triage", { input: "I want my money back" });
    expect(result).toMatchObject({
      status: "completed",
      output: { category: "refund", confidence: 0.9 },
      steps: 2,
    });
  });

  it("fails with OUTPUT_INVALID once the re-asks are spent", async () => {
    const agent = defineAgent({
      name: "triage",
      instructions: "Classify.",
      output: z.object({ category: z.string() }),
      limits: { maxRepairs: 1 },
    });
    const { runtime } = await runtimeHarness({
      agents: [agent],
      scenario: "rules:\n  - reply: { object: { label: 1 } }\n",
    });
    const result = await runtime.run("triage", { input: "hello" });
    expect(result).toMatchObject({ status: "failed", error: { code: "OUTPUT_INVALID" }, steps: 2 });
  });

  it("stops at max steps with RUN_LIMIT_REACHED", async () => {
    const scenario = `
rules:
  - reply: { toolCalls: [{ name: lookup_order, arguments: { orderId: "A-{{step}}" } }] }
`;
    const agent = defineAgent({
      name: "looper",
      instructions: "Loop.",
      tools: [lookupOrder((orderId) => ({ orderId, status: "pending" }))],
      limits: { maxSteps: 3 },
    });
    const { runtime } = await runtimeHarness({ agents: [agent], scenario });
    const result = await runtime.run("looper", { input: "go" });
    expect(result).toMatchObject({
      status: "failed",
      stopReason: "max-steps",
      steps: 3,
      error: { code: "RUN_LIMIT_REACHED" },
    });
  });

  it("streams text deltas that add up to the final answer", async () => {
    const agent = defineAgent({ name: "support", instructions: "Help." });
    const { runtime } = await runtimeHarness({ agents: [agent] });
    const handle = await runtime.start("support", { input: "hello", stream: true });
    const events = await collectEvents(handle.events);
    const result = await handle.result;
    const text = events.flatMap((event) => (event.type === "text-delta" ? [event.delta] : [])).join("");
    expect(events.filter((event) => event.type === "text-delta").length).toBeGreaterThan(1);
    expect(text).toBe(result.output);
    expect(events.at(-1)).toEqual({ type: "end" });
  });

  it("names the agents there are when asked for an unknown one", async () => {
    const agent = defineAgent({ name: "support", instructions: "Help." });
    const { runtime } = await runtimeHarness({ agents: [agent] });
    await expect(runtime.start("nope", { input: "x" })).rejects.toMatchObject({
      code: "AGENT_NOT_FOUND",
      message: expect.stringContaining("support"),
    });
  });
});
