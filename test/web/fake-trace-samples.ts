import { type FakeTrace, seededRandom, TraceBuilder } from "./fake-trace-builder.js";

// The traces the fake control plane serves: what a support-desk workspace records in a day. Times are
// relative to `now`, so "24 h" and "7 d" windows and relative times read as they would in production.

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/** Names the tests look for. */
export const sampleNames = {
  orchestratorRoot: "invoke_agent support-triage",
  orchestratorSession: "sess_refund_2041",
  subagents: ["order-lookup", "refund-policy", "reply-writer"],
  errorRoot: "invoke_agent billing-assistant",
  errorMessage: "tool charge_card failed: card processor did not answer within 30 s",
  errorSession: "sess_billing_1177",
  planChatModel: "claude-sonnet-4-5",
  planChatCostMicros: 8_724,
  reindexRoot: "invoke_workflow nightly-reindex",
  backfillRoot: "invoke_workflow backfill-embeddings",
  oldSession: "sess_refund_1988",
} as const;

function modelsCall(random: () => number, now: number): FakeTrace {
  const trace = new TraceBuilder(random, now - 40 * second, null);
  trace.span({
    name: "chat gpt-4.1-mini",
    kind: "client",
    atMs: 0,
    durationMs: 842,
    model: "gpt-4.1-mini",
    attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4.1-mini",
      "gen_ai.response.model": "gpt-4.1-mini-2025-04-14",
      "gen_ai.usage.input_tokens": 24,
      "gen_ai.usage.output_tokens": 31,
      "gantry.cost.micros": 96,
      "gantry.cost.source": "computed",
      "gantry.route.tier": "small",
    },
  });
  return trace.build();
}

function orchestrator(random: () => number, now: number): FakeTrace {
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

function orchestratorFollowUp(random: () => number, now: number): FakeTrace {
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

function failedBilling(random: () => number, now: number): FakeTrace {
  const trace = new TraceBuilder(random, now - 22 * minute, sampleNames.errorSession);
  const root = trace.agent({
    agent: "billing-assistant",
    atMs: 0,
    durationMs: 32_950,
    error: sampleNames.errorMessage,
  });
  trace.chat({
    parent: root,
    atMs: 25,
    durationMs: 1_310,
    agent: "billing-assistant",
    provider: "openai",
    model: "gpt-4.1",
    inputTokens: 1_120,
    outputTokens: 64,
    costMicros: 2_752,
    finishReason: "tool_calls",
  });
  trace.tool({
    parent: root,
    tool: "charge_card",
    atMs: 1_360,
    durationMs: 30_004,
    agent: "billing-assistant",
    arguments: { customer: "cus_8812", amountCents: 4_900 },
    error: "PaymentGatewayTimeout: card processor did not answer within 30 s",
    events: [
      {
        name: "exception",
        atMs: 30_000,
        attributes: {
          "exception.type": "PaymentGatewayTimeout",
          "exception.message": "card processor did not answer within 30 s",
        },
      },
    ],
  });
  trace.chat({
    parent: root,
    atMs: 31_400,
    durationMs: 1_520,
    agent: "billing-assistant",
    provider: "openai",
    model: "gpt-4.1",
    inputTokens: 1_260,
    outputTokens: 96,
    costMicros: 3_288,
  });
  return trace.build();
}

function importedOverOtlp(random: () => number, now: number): FakeTrace {
  const trace = new TraceBuilder(random, now - 50 * minute, null);
  const root = trace.span({
    name: "POST /api/answer",
    kind: "server",
    atMs: 0,
    durationMs: 1_930,
    attributes: {
      "http.request.method": "POST",
      "http.route": "/api/answer",
      "http.response.status_code": 200,
      "otel.resource.service.name": "docs-bot",
    },
  });
  trace.span({
    parent: root,
    name: "retrieve documents",
    atMs: 12,
    durationMs: 240,
    attributes: { "db.system.name": "postgresql", "retrieval.documents": 6 },
  });
  trace.chat({
    parent: root,
    atMs: 270,
    durationMs: 1_640,
    agent: null,
    provider: "openai",
    model: "gpt-4o",
    inputTokens: 3_120,
    outputTokens: 248,
    costMicros: 10_280,
  });
  return trace.build();
}

function nightlyReindex(random: () => number, now: number): FakeTrace {
  const trace = new TraceBuilder(random, now - 2 * hour - 5 * minute, null);
  const root = trace.span({
    name: sampleNames.reindexRoot,
    atMs: 0,
    durationMs: 96_000,
    agent: "indexer",
    attributes: { "gen_ai.operation.name": "invoke_workflow", "gen_ai.workflow.name": "nightly-reindex" },
  });
  const crawler = trace.agent({ parent: root, agent: "page-crawler", atMs: 50, durationMs: 41_000 });
  for (let index = 0; index < 120; index += 1) {
    trace.tool({
      parent: crawler,
      tool: "fetch_page",
      atMs: 80 + Math.floor(index / 4) * 1_350 + trace.between(0, 200),
      durationMs: trace.between(300, 1_300),
      agent: "page-crawler",
      arguments: { url: `https://docs.example.com/page/${index + 1}` },
    });
  }
  const chunker = trace.agent({ parent: root, agent: "chunker", atMs: 41_100, durationMs: 18_000 });
  for (let index = 0; index < 88; index += 1) {
    trace.tool({
      parent: chunker,
      tool: "chunk_document",
      atMs: 41_120 + index * 200,
      durationMs: trace.between(60, 190),
      agent: "chunker",
    });
  }
  const embedder = trace.agent({ parent: root, agent: "embedder", atMs: 59_200, durationMs: 36_700 });
  for (let index = 0; index < 88; index += 1) {
    const input = trace.between(2_000, 8_000);
    trace.span({
      parent: embedder,
      name: "embeddings text-embedding-3-small",
      kind: "client",
      atMs: 59_220 + index * 415,
      durationMs: trace.between(180, 400),
      agent: "embedder",
      model: "text-embedding-3-small",
      attributes: {
        "gen_ai.operation.name": "embeddings",
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": "text-embedding-3-small",
        "gen_ai.usage.input_tokens": input,
        "gantry.cost.micros": Math.round(input * 0.02),
        "gantry.cost.source": "computed",
      },
    });
  }
  return trace.build();
}

function backfill(random: () => number, now: number): FakeTrace {
  const trace = new TraceBuilder(random, now - 5 * hour, null);
  const root = trace.span({
    name: sampleNames.backfillRoot,
    atMs: 0,
    durationMs: 1_500_000,
    agent: "backfill",
    attributes: { "gen_ai.operation.name": "invoke_workflow", "gen_ai.workflow.name": "backfill-embeddings" },
  });
  // 1 root + 49 batches of (1 agent + 1 plan chat + 100 tool calls) + 1 summary chat = 5,000 spans.
  for (let batch = 0; batch < 49; batch += 1) {
    const batchStart = 1_000 + batch * 30_000;
    const worker = trace.agent({
      parent: root,
      agent: `backfill-worker-${(batch % 4) + 1}`,
      atMs: batchStart,
      durationMs: 29_000,
    });
    trace.chat({
      parent: worker,
      atMs: batchStart + 20,
      durationMs: trace.between(400, 900),
      agent: `backfill-worker-${(batch % 4) + 1}`,
      provider: "openai",
      model: "gpt-4.1-nano",
      inputTokens: trace.between(300, 600),
      outputTokens: trace.between(20, 60),
      costMicros: trace.between(40, 90),
    });
    for (let call = 0; call < 100; call += 1) {
      trace.tool({
        parent: worker,
        tool: "upsert_vectors",
        atMs: batchStart + 1_000 + call * 275,
        durationMs: trace.between(80, 260),
        agent: `backfill-worker-${(batch % 4) + 1}`,
      });
    }
  }
  trace.chat({
    parent: root,
    atMs: 1_480_000,
    durationMs: 4_200,
    agent: "backfill",
    provider: "openai",
    model: "gpt-4.1-mini",
    inputTokens: 6_400,
    outputTokens: 420,
    costMicros: 3_200,
  });
  return trace.build();
}

function earlierConversation(random: () => number, now: number): FakeTrace {
  const trace = new TraceBuilder(random, now - 3 * 24 * hour, sampleNames.oldSession);
  const root = trace.agent({ agent: "support-triage", atMs: 0, durationMs: 6_100 });
  trace.chat({
    parent: root,
    atMs: 30,
    durationMs: 1_400,
    agent: "support-triage",
    provider: "anthropic",
    model: sampleNames.planChatModel,
    inputTokens: 1_610,
    outputTokens: 180,
    costMicros: 7_530,
    finishReason: "tool_calls",
  });
  const lookup = trace.agent({ parent: root, agent: "order-lookup", atMs: 1_500, durationMs: 2_300 });
  trace.tool({
    parent: lookup,
    tool: "lookup_order",
    atMs: 1_550,
    durationMs: 380,
    agent: "order-lookup",
    arguments: { orderId: "A-0977" },
  });
  trace.chat({
    parent: root,
    atMs: 3_900,
    durationMs: 2_150,
    agent: "support-triage",
    provider: "anthropic",
    model: sampleNames.planChatModel,
    inputTokens: 2_020,
    outputTokens: 260,
    costMicros: 9_960,
  });
  return trace.build();
}

/** Eight traces: a models call, an orchestrator with three subagents and its follow-up, a failed run,
 * an OTLP-imported request, a 300-span and a 5,000-span workflow, and a three-day-old conversation. */
export function buildSampleTraces(now: number): FakeTrace[] {
  const random = seededRandom(2041);
  return [
    modelsCall(random, now),
    orchestratorFollowUp(random, now),
    orchestrator(random, now),
    failedBilling(random, now),
    importedOverOtlp(random, now),
    nightlyReindex(random, now),
    backfill(random, now),
    earlierConversation(random, now),
  ];
}
