import { expect, it } from "vitest";
import { createBreakerRegistry, type SessionBreaker } from "../../src/guard/index.js";
import { useFreshStore } from "../store/fresh-store.js";
import { describeOnStores } from "./breaker-store-backends.js";

// The agent circuit driven the way the runtime drives it: sessions of an agent with a learned
// envelope overspend, the circuit opens, new sessions start degraded, and after the cooldown one
// trial decides whether it closes again.

/** A session loop as the runtime runs it: ask before each call, stop at the first trip. */
function spend(session: SessionBreaker, callMicros: number, calls: number): number {
  let spent = 0;
  for (let call = 0; call < calls; call++) {
    if (session.beforeModelCall(callMicros) !== undefined) break;
    session.recordModelCall(callMicros);
    spent += callMicros;
  }
  return spent;
}

describeOnStores("breaker circuit", (backend) => {
  const fresh = useFreshStore(backend);

  it("opens after three overspending sessions, degrades new ones, and closes after a good trial", async () => {
    // 20 past sessions of $0.01 each: p95 = 10,000 micro-USD, trip line 30,000.
    for (let session = 0; session < 20; session++) {
      const run = await fresh.store.runs.create({ agent: "looper", input: "go" });
      await fresh.store.runs.update(run.id, { status: "completed", costMicros: 10_000 });
    }
    const registry = createBreakerRegistry({
      store: fresh.store,
      clock: fresh.clock,
      settingsFor: () => ({ degradation: "escalate-to-human", cooldownMs: 300_000 }),
    });

    for (let session = 1; session <= 3; session++) {
      const breaker = await registry.openSession({ agent: "looper" });
      expect(spend(breaker, 7_000, 100)).toBe(28_000); // the fifth call would pass 30,000
      expect(breaker.trips()[0]).toMatchObject({ reason: "cost-envelope", degradation: "escalate-to-human" });
      breaker.end({ tripped: true });
      expect(registry.status("looper").state).toBe(session < 3 ? "closed" : "open");
      fresh.clock.advance(10_000);
    }

    const degraded = await registry.openSession({ agent: "looper" });
    expect(degraded.trips()).toEqual([
      expect.objectContaining({ reason: "cost-envelope", degradation: "escalate-to-human" }),
    ]);
    expect(spend(degraded, 7_000, 100)).toBe(700_000); // checks are off: the runtime already degraded it
    degraded.end({ tripped: true });

    fresh.clock.advance(290_000); // 300,000 ms after the circuit opened
    expect(registry.status("looper").state).toBe("half-open");
    const trial = await registry.openSession({ agent: "looper" });
    expect(trial.trips()).toEqual([]);
    expect(spend(trial, 7_000, 2)).toBe(14_000);
    trial.end({ tripped: false });
    expect(registry.status("looper")).toMatchObject({ state: "closed", recentTrips: 0 });
  });

  it("opens again when the half-open trial trips", async () => {
    const registry = createBreakerRegistry({
      store: fresh.store,
      clock: fresh.clock,
      settingsFor: () => ({ maxIterations: 2, openAfterTrips: 1 }),
    });
    const first = await registry.openSession({ agent: "looper" });
    spend(first, 0, 5);
    expect(registry.status("looper").state).toBe("open");
    fresh.clock.advance(600_000);
    const trial = await registry.openSession({ agent: "looper" });
    expect(trial.trips()).toEqual([]);
    expect(spend(trial, 0, 5)).toBe(0);
    expect(trial.trips()[0]?.reason).toBe("iterations");
    trial.end({ tripped: true });
    expect(registry.status("looper")).toMatchObject({ state: "open", openedAt: fresh.clock.now() });
    expect((await registry.openSession({ agent: "looper" })).trips()[0]?.details.circuit).toBe("open");
  });
});
