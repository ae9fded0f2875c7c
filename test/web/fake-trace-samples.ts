import { type FakeTrace, seededRandom, TraceBuilder } from "./fake-trace-builder.js";
import { sampleNames } from "./fake-trace-names.js";
import { orchestrator, orchestratorFollowUp } from "./fake-trace-orchestrator.js";
import { backfill, nightlyReindex } from "./fake-trace-workflows.js";

export { sampleNames };

// The traces the fake control plane serves: what a support-desk workspace records in a day. Times are
// relative to `now`, so "24 h" and "7 d" windows and relative times read as they would in production.

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

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
