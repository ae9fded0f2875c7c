import { describe, expect, it } from "vitest";
import { catchGantryError } from "../../../test/support/catch-gantry-error.js";
import { ManualClock } from "../../core/index.js";
import { resolveBreakerSettings } from "./breaker-settings.js";
import type { BreakerSettings, BreakerTrip, CostEnvelope, SessionBreaker } from "./breaker-spec.js";
import { createSessionBreaker } from "./session-breaker.js";

const envelope: CostEnvelope = { p50Micros: 40_000, p95Micros: 100_000, source: "declared" };

function breakerWith(
  settings: Partial<BreakerSettings> = {},
  options: { envelope?: CostEnvelope; clock?: ManualClock; onTrip?: (trip: BreakerTrip) => void } = {},
): SessionBreaker {
  return createSessionBreaker({
    agent: "triage",
    settings: resolveBreakerSettings(settings),
    envelope: "envelope" in options ? options.envelope : envelope,
    clock: options.clock ?? new ManualClock(),
    onTrip: options.onTrip,
  });
}

describe("cost envelope", () => {
  it("trips when spent + estimate would pass multiplier x p95, not at it", () => {
    const breaker = breakerWith();
    expect(breaker.recordModelCall(250_000)).toBeUndefined();
    // 250,000 + 50,000 = 300,000 = 3 x p95: allowed; one micro more is not.
    expect(breaker.beforeModelCall(50_000)).toBeUndefined();
    const trip = breaker.beforeModelCall(50_001);
    expect(trip).toMatchObject({
      reason: "cost-envelope",
      degradation: "stop-tools-and-summarize",
      details: { spentMicros: 250_000, estimateMicros: 50_001, limitMicros: 300_000, p95Micros: 100_000 },
    });
    expect(trip?.message).toContain("3 x p95");
  });

  it("keeps spend at or under multiplier x p95 when the caller stops on a trip", () => {
    // A seeded walk of calls of varying size; actual cost never exceeds the estimate (the reservation).
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let session = 0; session < 50; session++) {
      const breaker = breakerWith({ tripMultiplier: 2 });
      let spent = 0;
      for (let call = 0; call < 1_000; call++) {
        const estimate = 1 + Math.floor(random() * 30_000);
        if (breaker.beforeModelCall(estimate) !== undefined) break;
        const actual = Math.floor(estimate * random());
        spent += actual;
        breaker.recordModelCall(actual);
      }
      expect(spent).toBeLessThanOrEqual(200_000);
      expect(breaker.snapshot().spentMicros).toBe(spent);
      expect(breaker.trips()).toHaveLength(1);
    }
  });

  it("never trips on cost without an envelope, or with a zero p95", () => {
    for (const without of [
      undefined,
      { p50Micros: 0, p95Micros: 0, source: "learned" as const, samples: 20 },
    ]) {
      const breaker = breakerWith({}, { envelope: without });
      breaker.recordModelCall(10_000_000);
      expect(breaker.beforeModelCall(10_000_000)).toBeUndefined();
    }
  });

  it("refuses amounts that are not whole micro-USD >= 0", () => {
    const breaker = breakerWith();
    for (const amount of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(catchGantryError(() => breaker.beforeModelCall(amount)).code).toBe("BREAKER_AMOUNT_INVALID");
      expect(catchGantryError(() => breaker.recordModelCall(amount)).code).toBe("BREAKER_AMOUNT_INVALID");
    }
    expect(breaker.snapshot().spentMicros).toBe(0);
  });
});

describe("spend velocity", () => {
  it("trips when the last minute's spend passes maxUsdPerMinute, not when it reaches it", () => {
    const clock = new ManualClock();
    const breaker = breakerWith({ maxUsdPerMinute: 0.1 }, { clock, envelope: undefined });
    expect(breaker.recordModelCall(60_000)).toBeUndefined();
    clock.advance(30_000);
    expect(breaker.recordModelCall(40_000)).toBeUndefined(); // exactly $0.10 in the minute
    clock.advance(29_999);
    const trip = breaker.recordModelCall(1);
    expect(trip).toMatchObject({
      reason: "spend-velocity",
      details: { lastMinuteMicros: 100_001, limitMicros: 100_000, windowMs: 60_000 },
    });
  });

  it("forgets spend older than a minute", () => {
    const clock = new ManualClock();
    const breaker = breakerWith({ maxUsdPerMinute: 0.1 }, { clock, envelope: undefined });
    breaker.recordModelCall(100_000);
    clock.advance(60_000);
    // The first call left the window exactly now, so only this one counts.
    expect(breaker.recordModelCall(100_000)).toBeUndefined();
    expect(breaker.snapshot().recentSpend).toEqual([[clock.now(), 100_000]]);
  });
});

describe("iterations", () => {
  it("trips on the maxIterations-th model call", () => {
    const breaker = breakerWith({ maxIterations: 4 }, { envelope: undefined });
    for (let call = 1; call < 4; call++) expect(breaker.recordModelCall(0)).toBeUndefined();
    expect(breaker.recordModelCall(0)).toMatchObject({
      reason: "iterations",
      details: { iterations: 4, maxIterations: 4 },
    });
  });
});

describe("repeated tool call", () => {
  it("trips on the third identical (tool, arguments) in a row, comparing canonical JSON", () => {
    const breaker = breakerWith();
    expect(breaker.recordToolCall("lookup_order", { id: 7, verbose: true })).toBeUndefined();
    expect(breaker.recordToolCall("lookup_order", { verbose: true, id: 7 })).toBeUndefined();
    const trip = breaker.recordToolCall("lookup_order", { id: 7, verbose: true });
    expect(trip).toMatchObject({
      reason: "repeated-tool-call",
      details: { tool: "lookup_order", times: 3, repeatedCallLimit: 3 },
    });
  });

  it("starts counting again after a different call or different arguments", () => {
    const breaker = breakerWith();
    breaker.recordToolCall("lookup_order", { id: 7 });
    breaker.recordToolCall("lookup_order", { id: 7 });
    expect(breaker.recordToolCall("lookup_order", { id: 8 })).toBeUndefined();
    expect(breaker.recordToolCall("lookup_order", { id: 7 })).toBeUndefined();
    expect(breaker.recordToolCall("issue_refund", { id: 7 })).toBeUndefined();
    expect(breaker.recordToolCall("lookup_order", { id: 7 })).toBeUndefined();
    expect(breaker.recordToolCall("lookup_order", { id: 7 })).toBeUndefined();
    expect(breaker.recordToolCall("lookup_order", { id: 7 })?.reason).toBe("repeated-tool-call");
  });

  it("honours a custom limit", () => {
    const breaker = breakerWith({ repeatedCallLimit: 5 });
    for (let call = 1; call < 5; call++) expect(breaker.recordToolCall("search", { q: "x" })).toBeUndefined();
    expect(breaker.recordToolCall("search", { q: "x" })?.details.times).toBe(5);
  });
});

describe("ping-pong", () => {
  it("trips on the third handoff of an A→B→A→B chain", () => {
    const breaker = breakerWith();
    expect(breaker.recordHandoff("triage", "billing")).toBeUndefined();
    expect(breaker.recordHandoff("billing", "triage")).toBeUndefined();
    expect(breaker.recordHandoff("triage", "billing")).toMatchObject({
      reason: "ping-pong",
      details: { from: "triage", to: "billing", handoffs: 3, pingPongLimit: 3 },
    });
  });

  it("does not count repeated handoffs in one direction or a third agent as ping-pong", () => {
    const breaker = breakerWith();
    // An orchestrator calling the same subagent again and again is not ping-pong.
    for (let call = 0; call < 5; call++) expect(breaker.recordHandoff("triage", "billing")).toBeUndefined();
    expect(breaker.recordHandoff("billing", "triage")).toBeUndefined();
    expect(breaker.recordHandoff("triage", "shipping")).toBeUndefined();
    expect(breaker.recordHandoff("shipping", "triage")).toBeUndefined();
    expect(breaker.recordHandoff("triage", "shipping")?.reason).toBe("ping-pong");
  });
});

describe("once tripped", () => {
  it("returns no further trips, keeps counting, and reports the trip once to the circuit", () => {
    const reported: BreakerTrip[] = [];
    const breaker = breakerWith({ maxIterations: 1 }, { onTrip: (trip) => reported.push(trip) });
    expect(breaker.recordModelCall(500_000)?.reason).toBe("iterations");
    expect(breaker.beforeModelCall(1_000_000)).toBeUndefined();
    expect(breaker.recordModelCall(10)).toBeUndefined();
    for (let call = 0; call < 3; call++) expect(breaker.recordToolCall("x", {})).toBeUndefined();
    expect(breaker.snapshot()).toMatchObject({ spentMicros: 500_010, iterations: 2 });
    expect(breaker.trips().map((trip) => trip.reason)).toEqual(["iterations"]);
    expect(reported).toHaveLength(1);
  });

  it("hands out copies, so callers cannot change its state", () => {
    const breaker = breakerWith({ maxIterations: 1 });
    breaker.recordModelCall(5);
    const trips = breaker.trips() as BreakerTrip[];
    trips[0]!.details.iterations = 99;
    trips.pop();
    const snapshot = breaker.snapshot();
    snapshot.spentMicros = 0;
    expect(breaker.trips()[0]?.details.iterations).toBe(1);
    expect(breaker.snapshot().spentMicros).toBe(5);
  });
});

describe("snapshot", () => {
  it("restores a session mid-way exactly, and the restored breaker keeps counting where it was", () => {
    const clock = new ManualClock();
    const settings = { maxUsdPerMinute: 1, maxIterations: 10 };
    const first = breakerWith(settings, { clock });
    first.recordModelCall(120_000);
    first.recordToolCall("lookup_order", { id: 1 });
    first.recordToolCall("lookup_order", { id: 1 });
    first.recordHandoff("triage", "billing");
    first.recordHandoff("billing", "triage");
    clock.advance(5_000);
    first.recordModelCall(30_000);
    const snapshot = JSON.parse(JSON.stringify(first.snapshot()));

    const resumed = createSessionBreaker({
      agent: "triage",
      settings: resolveBreakerSettings(settings),
      envelope,
      clock,
      snapshot,
    });
    expect(resumed.snapshot()).toEqual(first.snapshot());
    // Each detector continues from the snapshot: the third repeat and the third handoff trip at once.
    expect(resumed.recordToolCall("lookup_order", { id: 1 })?.reason).toBe("repeated-tool-call");
    const other = createSessionBreaker({
      agent: "triage",
      settings: resolveBreakerSettings(settings),
      envelope,
      clock,
      snapshot,
    });
    expect(other.recordHandoff("triage", "billing")?.reason).toBe("ping-pong");
    const third = createSessionBreaker({
      agent: "triage",
      settings: resolveBreakerSettings(settings),
      envelope,
      clock,
      snapshot,
    });
    expect(third.beforeModelCall(150_000)).toBeUndefined();
    expect(third.beforeModelCall(150_001)?.details.spentMicros).toBe(150_000);
  });

  it("restores a tripped session as tripped", () => {
    const first = breakerWith({ maxIterations: 1 });
    first.recordModelCall(1);
    const restored = createSessionBreaker({
      agent: "triage",
      settings: resolveBreakerSettings({ maxIterations: 1 }),
      envelope,
      snapshot: first.snapshot(),
    });
    expect(restored.trips()).toEqual(first.trips());
    expect(restored.recordModelCall(1)).toBeUndefined();
    expect(restored.beforeModelCall(10_000_000)).toBeUndefined();
  });
});
