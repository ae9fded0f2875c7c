import { type FakeTrace, TraceBuilder } from "./fake-trace-builder.js";
import { sampleNames } from "./fake-trace-names.js";

// The support conversation: the orchestrator trace the browser tests read in detail, and its follow-up.

const second = 1000;
const minute = 60 * second;

/** An orchestrator with three subagents (lookup, policy, writer with a failover) and an unpriced call. */
export function orchestrator(random: () => number, now: number): FakeTrace {
  const trace = new TraceBuilder(random, now - 3 * minute - 10 * second, sampleNames.orchestratorSession);
  const root = trace.agent({ agent: "support-triage", atMs: 0, durationMs: 9_840 });
  trace.chat({
    parent: root,
    atMs: 40,
    durationMs: 1_890,
    agent: "support-triage",
    provider: "anthropic",
    model: sampleNames.planChatModel,
    inputTokens: 1_840,
    outputTokens: 212,
    cacheReadTokens: 1_024,
    costMicros: sampleNames.planChatCostMicros,
    finishReason: "tool_calls",
    extra: {
      "gantry.prompt.id": "triage-plan",
      "gantry.prompt.version": "1.4.0",
      "gantry.signal.confidence": 0.86,
    },
  });

  const lookup = trace.agent({ parent: root, agent: "order-lookup", atMs: 2_000, durationMs: 2_100 });
  trace.chat({
    parent: lookup,
    atMs: 2_020,
    durationMs: 730,
    agent: "order-lookup",
    provider: "openai",
    model: "gpt-4.1-mini",
    inputTokens: 620,
    outputTokens: 48,
    costMicros: 412,
    finishReason: "tool_calls",
  });
  trace.tool({
    parent: lookup,
    tool: "lookup_order",
    atMs: 2_760,
    durationMs: 420,
    agent: "order-lookup",
    arguments: { orderId: "A-1042", include: ["items", "payments"] },
    result: { status: "delivered", total: { amount: 129.9, currency: "EUR" }, refundable: true },
  });
  trace.chat({
    parent: lookup,
    atMs: 3_200,
    durationMs: 850,
    agent: "order-lookup",
    provider: "openai",
    model: "gpt-4.1-mini",
    inputTokens: 910,
    outputTokens: 121,
    costMicros: 630,
  });

  const policy = trace.agent({ parent: root, agent: "refund-policy", atMs: 2_010, durationMs: 3_590 });
  trace.chat({
    parent: policy,
    atMs: 2_030,
    durationMs: 870,
    agent: "refund-policy",
    provider: "openai",
    model: "gpt-4.1-mini",
    inputTokens: 540,
    outputTokens: 36,
    costMicros: 358,
    finishReason: "tool_calls",
  });
  trace.tool({
    parent: policy,
    tool: "search_policies",
    atMs: 2_910,
    durationMs: 1_490,
    agent: "refund-policy",
    arguments: { query: "refund delivered order within 30 days", topK: 4 },
    events: [
      {
        name: "retrieval.results",
        atMs: 1_320,
        attributes: { "retrieval.documents": 4, "retrieval.top_score": 0.91 },
      },
    ],
  });
  trace.chat({
    parent: policy,
    atMs: 4_420,
    durationMs: 1_160,
    agent: "refund-policy",
    provider: "openai",
    model: "gpt-4.1-mini",
    inputTokens: 1_480,
    outputTokens: 164,
    costMicros: 1_012,
    extra: { "gantry.signal.grounded": true },
  });

  const writer = trace.agent({ parent: root, agent: "reply-writer", atMs: 5_650, durationMs: 3_650 });
  trace.chat({
    parent: writer,
    atMs: 5_670,
    durationMs: 3_610,
    agent: "reply-writer",
    provider: "anthropic",
    model: "claude-haiku-4-5",
    inputTokens: 2_210,
    outputTokens: 386,
    costMicros: 2_315,
    attempts: [
      {
        number: 1,
        model: "gpt-4.1",
        provider: "openai",
        outcome: "error",
        durationMs: 310,
        errorCode: "MODEL_RATE_LIMITED",
        statusCode: 429,
      },
      {
        number: 2,
        model: "claude-haiku-4-5",
        provider: "anthropic",
        outcome: "success",
        durationMs: 3_240,
        waitedMs: 40,
        costMicros: 2_315,
      },
    ],
    extra: { "gantry.signal.fallback": true, "gantry.route.tier": "large" },
  });
  // A local model without a price: its cost is unknown, not zero.
  trace.chat({
    parent: root,
    atMs: 9_320,
    durationMs: 480,
    agent: "support-triage",
    provider: "ollama",
    model: "llama3.1:8b",
    inputTokens: 640,
    outputTokens: 12,
    costMicros: null,
    extra: { "gantry.signal.downstream_ok": true },
  });
  return trace.build();
}

/** The second turn of the same conversation. */
export function orchestratorFollowUp(random: () => number, now: number): FakeTrace {
  const trace = new TraceBuilder(random, now - 75 * second, sampleNames.orchestratorSession);
  const root = trace.agent({ agent: "support-triage", atMs: 0, durationMs: 2_480 });
  trace.chat({
    parent: root,
    atMs: 30,
    durationMs: 1_650,
    agent: "support-triage",
    provider: "anthropic",
    model: sampleNames.planChatModel,
    inputTokens: 2_460,
    outputTokens: 140,
    cacheReadTokens: 1_840,
    costMicros: 4_104,
    finishReason: "tool_calls",
  });
  trace.tool({
    parent: root,
    tool: "send_reply",
    atMs: 1_700,
    durationMs: 760,
    agent: "support-triage",
    arguments: { channel: "email", ticket: "T-88412" },
    result: { sent: true },
  });
  return trace.build();
}
