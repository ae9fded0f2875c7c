import { describe, expect, it } from "vitest";
import type { BreakerSettings } from "../../src/guard/index.js";
import { createBreakerRegistry } from "../../src/guard/index.js";
import { defineAgent, defineTool, z } from "../../src/index.js";
import { createTelemetry } from "../../src/telemetry/index.js";
import { collectEvents, runtimeHarness } from "./runtime-harness.js";

// Acceptance: an agent that repeats the same tool call forever trips its breaker, the configured
// degradation happens, the trace records it, and spend stays <= 3 x p95 + one call.

const loopScenario = (argument: string) => `
rules:
  - match: { system: "poll", toolsOffered: [check_ticket] }
    reply: { toolCalls: [{ name: check_ticket, arguments: { ticketId: "${argument}" } }] }
  - match: { system: "poll" }
    reply: { text: "Ticket T-77 is still open; I stopped checking." }
`;

const checkTicket = defineTool({
  name: "check_ticket",
  description: "Check a ticket",
  input: z.object({ ticketId: z.string() }),
  execute: ({ ticketId }) => ({ ticketId, answered: false }),
});

function looper(breaker: Partial<BreakerSettings>) {
  return defineAgent({
    name: "looper",
    instructions: "You poll tickets.",
    model: "tier:large",
    tools: [checkTicket],
    limits: { maxSteps: 200, maxToolCalls: 200, maxOutputTokens: 64 },
    breaker,
  });
}

async function harness(breaker: Partial<BreakerSettings>, argument = "T-77") {
  const built = await runtimeHarness({ agents: [looper(breaker)], scenario: loopScenario(argument) });
  const telemetry = createTelemetry({
    serviceName: "breaker-test",
    projectId: "default",
    store: built.store,
  });
  const modelAccess = built.modelAccess;
  const { createRuntime } = await import("../../src/runtime/index.js");
  const runtime = createRuntime({
    agents: [looper(breaker)],
    models: modelAccess.client,
    store: built.store,
    telemetry,
    breakers: createBreakerRegistry({ store: built.store }),
    estimateCost: (request) => modelAccess.estimateCost(request),
    cheaperTier: (model) => (model === "tier:large" ? "tier:small" : undefined),
  });
  return { ...built, runtime, telemetry };
}

async function tripEvents(store: Awaited<ReturnType<typeof harness>>["store"], traceId: string) {
  const spans = await store.spans.getTrace(traceId);
  return spans.flatMap((span) =>
    (span.events as Array<{ name: string; attributes?: Record<string, unknown> }>).filter(
      (event) => event.name === "gantry.breaker.trip",
    ),
  );
}

describe("the session breaker in a running agent", () => {
  it("trips on the same call three times, stops tools and summarises; the trace records the trip", async () => {
    const { runtime, store, telemetry } = await harness({ degradation: "stop-tools-and-summarize" });
    const handle = await runtime.start("looper", { input: "Is T-77 answered?" });
    const events = await collectEvents(handle.events);
    const result = await handle.result;
    expect(result).toMatchObject({
      status: "completed",
      stopReason: "breaker",
      output: "Ticket T-77 is still open; I stopped checking.",
    });
    expect(result.trips.map((trip) => trip.reason)).toEqual(["repeated-tool-call"]);
    // Two calls ran; the third identical one was refused before it ran.
    const ends = events.filter((event) => event.type === "tool-call-end");
    expect(ends).toHaveLength(2);
    expect(events.some((event) => event.type === "breaker-trip")).toBe(true);
    await telemetry.flush();
    const trips = await tripEvents(store, result.traceId!);
    expect(trips).toHaveLength(1);
    expect(trips[0]?.attributes).toMatchObject({
      "gantry.breaker.reason": "repeated-tool-call",
      "gantry.breaker.degradation": "stop-tools-and-summarize",
    });
    await telemetry.shutdown();
  });

  it("trips on the cost envelope with spend <= 3 x p95 + one call when every call differs", async () => {
    const p95Usd = 0.0002;
    const { runtime, store, telemetry } = await harness(
      {
        envelope: { p50Usd: 0.0001, p95Usd },
        degradation: "stop-tools-and-summarize",
        repeatedCallLimit: 1000,
      },
      "T-{{step}}",
    );
    const result = await runtime.run("looper", { input: "Keep checking" });
    expect(result.trips.map((trip) => trip.reason)).toEqual(["cost-envelope"]);
    expect(result.stopReason).toBe("breaker");
    // The last call is the summary without tools; everything before it stayed within 3 x p95.
    const run = await store.runs.get(result.runId);
    const state = run!.state as { largestCallMicros: number };
    expect(result.costMicros).toBeLessThanOrEqual(3 * p95Usd * 1_000_000 + state.largestCallMicros);
    expect(result.steps).toBeGreaterThan(3);
    await telemetry.shutdown();
  });

  it.each([
    ["return-partial", { status: "completed", stopReason: "breaker" }],
    ["escalate-to-human", { status: "paused", pause: { reason: "breaker" } }],
    ["hard-stop", { status: "failed", stopReason: "breaker", error: { code: "BREAKER_TRIPPED" } }],
  ] as const)("applies %s", async (degradation, expected) => {
    const { runtime, telemetry } = await harness({ degradation });
    const result = await runtime.run("looper", { input: "Is T-77 answered?" });
    expect(result).toMatchObject(expected);
    expect(result.toolCalls).toBe(2);
    await telemetry.shutdown();
  });

  it("downgrade-tier moves the run to the cheaper tier and carries on", async () => {
    const { runtime, telemetry, store } = await harness(
      { degradation: "downgrade-tier", maxIterations: 3 },
      "T-{{step}}",
    );
    const handle = await runtime.start("looper", { input: "Keep checking" });
    const events = await collectEvents(handle.events);
    const result = await handle.result;
    const models = events.flatMap((event) => (event.type === "step-start" ? [event.model] : []));
    expect(models.slice(0, 3)).toEqual(["tier:large", "tier:large", "tier:large"]);
    expect(models.slice(3).every((model) => model === "tier:small")).toBe(true);
    expect((await store.runs.get(result.runId))?.state).toMatchObject({ model: "tier:small" });
    await telemetry.shutdown();
  });
});
