import { describe, expect, it } from "vitest";
import { defineAgent, defineTool, z } from "../../src/index.js";
import type { RunState } from "../../src/runtime/index.js";
import { runtimeHarness } from "./runtime-harness.js";

// Acceptance: streamed and unstreamed runs of the same scripted conversation end in the same state
// and cost.

const scenario = `
rules:
  - match: { toolResults: [issue_refund] }
    reply: { text: "Refunded {{toolResult.issue_refund.amountUsd}} USD for {{toolResult.issue_refund.orderId}}; it reaches your card within ten days." }
  - match: { toolResults: [lookup_order] }
    reply: { toolCalls: [{ name: issue_refund, arguments: { orderId: "{{toolResult.lookup_order.orderId}}", amountUsd: "{{toolResult.lookup_order.totalUsd}}" } }] }
  - reply: { toolCalls: [{ name: lookup_order, arguments: { orderId: "A-1001" } }] }
`;

function agent() {
  const lookup = defineTool({
    name: "lookup_order",
    description: "Look up an order",
    input: z.object({ orderId: z.string() }),
    execute: ({ orderId }) => ({ orderId, totalUsd: 42.5 }),
  });
  const refund = defineTool({
    name: "issue_refund",
    description: "Refund an order",
    input: z.object({ orderId: z.string(), amountUsd: z.number() }),
    execute: (input) => ({ ...input, refundId: "R-1" }),
  });
  return defineAgent({ name: "refunder", instructions: "Refund orders.", tools: [lookup, refund] });
}

// Ids differ between any two runs; everything else must be equal.
function comparable(state: RunState) {
  const {
    runId: _runId,
    startedAt: _startedAt,
    elapsedMs: _elapsed,
    traceId: _trace,
    traceParent: _parent,
    ...rest
  } = state;
  return JSON.parse(JSON.stringify(rest).replaceAll(state.runId, "RUN"));
}

describe("streamed and unstreamed runs", () => {
  it("end in the same state and cost", async () => {
    const states: RunState[] = [];
    const costs: number[] = [];
    for (const stream of [false, true]) {
      const { runtime, store } = await runtimeHarness({ agents: [agent()], scenario });
      const result = await runtime.run("refunder", { input: "Refund my order please", stream });
      expect(result.status).toBe("completed");
      costs.push(result.costMicros);
      states.push((await store.runs.get(result.runId))!.state as unknown as RunState);
    }
    expect(costs[0]).toBeGreaterThan(0);
    expect(costs[1]).toBe(costs[0]);
    expect(comparable(states[1]!)).toEqual(comparable(states[0]!));
    expect(states[0]!.messages).toHaveLength(6);
  });
});
