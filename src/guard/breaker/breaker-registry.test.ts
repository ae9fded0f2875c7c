import { describe, expect, it } from "vitest";
import { ManualClock } from "../../core/index.js";
import { createBreakerRegistry } from "./breaker-registry.js";
import type { BreakerRegistry, SessionBreaker } from "./breaker-spec.js";

// The registry without a store: declared envelopes only. test/guard/breaker-*.test.ts cover the store.

async function tripBySpinning(registry: BreakerRegistry, agent = "looper"): Promise<SessionBreaker> {
  const session = await registry.openSession({ agent });
  for (let call = 0; call < 3; call++) session.recordToolCall("lookup_order", { id: 1 });
  expect(session.trips()).toHaveLength(1);
  session.end({ tripped: true });
  return session;
}

describe("createBreakerRegistry", () => {
  it("merges settingsFor with the session's own settings and uses the declared envelope", async () => {
    const registry = createBreakerRegistry({
      settingsFor: (agent) =>
        agent === "triage"
          ? { envelope: { p50Usd: 0.01, p95Usd: 0.02 }, degradation: "hard-stop" }
          : undefined,
    });
    const session = await registry.openSession({ agent: "triage", settings: { tripMultiplier: 2 } });
    expect(session.envelope).toEqual({ p50Micros: 10_000, p95Micros: 20_000, source: "declared" });
    expect(session.beforeModelCall(40_000)).toBeUndefined();
    expect(session.beforeModelCall(40_001)).toMatchObject({
      reason: "cost-envelope",
      degradation: "hard-stop",
    });
    const other = await registry.openSession({ agent: "other" });
    expect(other.envelope).toBeUndefined();
    expect(registry.status("triage")).toMatchObject({
      state: "closed",
      recentTrips: 1,
      envelope: session.envelope,
    });
  });

  it("rejects bad settings when the session opens", async () => {
    const registry = createBreakerRegistry({ settingsFor: () => ({ openAfterTrips: 0 }) });
    await expect(registry.openSession({ agent: "a" })).rejects.toMatchObject({
      code: "BREAKER_SETTINGS_INVALID",
      details: { field: "openAfterTrips" },
    });
  });

  it("goes closed → open → half-open → closed, pre-tripping sessions while open", async () => {
    const clock = new ManualClock();
    const registry = createBreakerRegistry({ clock, settingsFor: () => ({ degradation: "return-partial" }) });
    await tripBySpinning(registry);
    await tripBySpinning(registry);
    expect(registry.status("looper")).toMatchObject({ state: "closed", recentTrips: 2 });
    clock.advance(1_000);
    await tripBySpinning(registry);
    expect(registry.status("looper")).toMatchObject({ state: "open", recentTrips: 3, openedAt: clock.now() });

    clock.advance(599_999);
    const blocked = await registry.openSession({ agent: "looper" });
    expect(blocked.trips()).toEqual([
      expect.objectContaining({
        reason: "repeated-tool-call",
        degradation: "return-partial",
        details: expect.objectContaining({ circuit: "open", openingTrips: 3 }),
      }),
    ]);
    // A pre-tripped session returns no trip of its own: the runtime applies the degradation from trips().
    expect(blocked.beforeModelCall(1)).toBeUndefined();
    blocked.end({ tripped: true });
    expect(registry.status("looper").state).toBe("open");

    clock.advance(1);
    expect(registry.status("looper").state).toBe("half-open");
    const trial = await registry.openSession({ agent: "looper" });
    expect(trial.trips()).toEqual([]);
    const meanwhile = await registry.openSession({ agent: "looper" });
    expect(meanwhile.trips()[0]?.details.circuit).toBe("half-open");
    trial.recordToolCall("lookup_order", { id: 1 });
    trial.end({ tripped: false });
    expect(registry.status("looper")).toMatchObject({ state: "closed", recentTrips: 0 });
    expect((await registry.openSession({ agent: "looper" })).trips()).toEqual([]);
  });

  it("goes half-open → open when the trial trips", async () => {
    const clock = new ManualClock();
    const registry = createBreakerRegistry({ clock });
    for (let session = 0; session < 3; session++) await tripBySpinning(registry);
    clock.advance(600_000);
    const trial = await registry.openSession({ agent: "looper" });
    expect(trial.trips()).toEqual([]);
    trial.recordHandoff("looper", "helper");
    trial.recordHandoff("helper", "looper");
    expect(trial.recordHandoff("looper", "helper")?.reason).toBe("ping-pong");
    expect(registry.status("looper")).toMatchObject({ state: "open", openedAt: clock.now() });
    const blocked = await registry.openSession({ agent: "looper" });
    expect(blocked.trips()[0]?.reason).toBe("ping-pong");
  });

  it("keeps the circuits of different agents apart", async () => {
    const registry = createBreakerRegistry({ clock: new ManualClock() });
    for (let session = 0; session < 3; session++) await tripBySpinning(registry, "looper");
    expect(registry.status("looper").state).toBe("open");
    expect(registry.status("triage").state).toBe("closed");
    expect((await registry.openSession({ agent: "triage" })).trips()).toEqual([]);
  });

  it("restores a snapshot and rejects a corrupt one", async () => {
    const registry = createBreakerRegistry({
      settingsFor: () => ({ envelope: { p50Usd: 0.1, p95Usd: 0.1 } }),
    });
    const first = await registry.openSession({ agent: "a", sessionId: "s1" });
    first.recordModelCall(250_000);
    const resumed = await registry.openSession({ agent: "a", sessionId: "s1", snapshot: first.snapshot() });
    expect(resumed.snapshot()).toEqual(first.snapshot());
    expect(resumed.beforeModelCall(50_001)?.reason).toBe("cost-envelope");
    await expect(
      registry.openSession({ agent: "a", snapshot: { ...first.snapshot(), iterations: -1 } }),
    ).rejects.toMatchObject({ code: "BREAKER_SNAPSHOT_INVALID", details: { path: "iterations" } });
  });

  it("lets a session resumed after its trip neither count again nor take the half-open trial", async () => {
    const clock = new ManualClock();
    const registry = createBreakerRegistry({ clock });
    const sessions = [];
    for (let session = 0; session < 3; session++) sessions.push(await tripBySpinning(registry));
    clock.advance(600_000);
    const resumed = await registry.openSession({ agent: "looper", snapshot: sessions[0]!.snapshot() });
    expect(resumed.trips()).toEqual(sessions[0]!.trips());
    resumed.end({ tripped: true });
    expect(registry.status("looper").state).toBe("half-open");
    const trial = await registry.openSession({ agent: "looper" });
    expect(trial.trips()).toEqual([]);
  });
});
