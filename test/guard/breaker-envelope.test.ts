import { expect, it } from "vitest";
import { createBreakerRegistry, learnEnvelope } from "../../src/guard/index.js";
import type { RunStatus, Store } from "../../src/store/index.js";
import { useFreshStore } from "../store/fresh-store.js";
import { describeOnStores } from "./breaker-store-backends.js";

// The learned envelope and a session's earlier spend, read from real run history.

async function seedRun(
  store: Store,
  run: { agent?: string; sessionId?: string; status?: RunStatus; costMicros: number },
): Promise<void> {
  const created = await store.runs.create({
    agent: run.agent ?? "triage",
    input: "hi",
    sessionId: run.sessionId,
  });
  await store.runs.update(created.id, { status: run.status ?? "completed", costMicros: run.costMicros });
}

// 30 lone runs in creation order (oldest first), costs in thousands of micro-USD: a shuffle of 1..30.
const thirtyCosts = [
  1, 8, 15, 22, 29, 6, 13, 20, 27, 4, 11, 18, 25, 2, 9, 16, 23, 30, 7, 14, 21, 28, 5, 12, 19, 26, 3, 10, 17,
  24,
];

describeOnStores("breaker envelope", (backend) => {
  const fresh = useFreshStore(backend);

  it("learns nearest-rank p50 and p95 from 30 finished runs and ignores unfinished runs and other agents", async () => {
    for (const [index, thousands] of thirtyCosts.entries()) {
      await seedRun(fresh.store, {
        costMicros: thousands * 1_000,
        status: index % 4 === 0 ? "failed" : "completed",
      });
    }
    for (const status of ["running", "paused", "cancelled", "queued"] as const) {
      await seedRun(fresh.store, { costMicros: 9_000_000, status });
    }
    await seedRun(fresh.store, { agent: "billing", costMicros: 9_000_000 });

    // Sorted 1..30 (thousands): p50 is rank ceil(0.50 x 30) = 15, p95 is rank ceil(0.95 x 30) = 29.
    expect(
      await learnEnvelope({
        runs: fresh.store.runs,
        agent: "triage",
        settings: { historySize: 200, minSamples: 20 },
      }),
    ).toEqual({
      p50Micros: 15_000,
      p95Micros: 29_000,
      source: "learned",
      samples: 30,
    });
    // Only the 20 newest: 11 18 25 2 9 16 23 30 7 14 21 28 5 12 19 26 3 10 17 24; sorted, rank 10 is 16
    // and rank 19 is 28.
    expect(
      await learnEnvelope({
        runs: fresh.store.runs,
        agent: "triage",
        settings: { historySize: 20, minSamples: 20 },
      }),
    ).toEqual({
      p50Micros: 16_000,
      p95Micros: 28_000,
      source: "learned",
      samples: 20,
    });
  });

  it("sums the runs of a session and needs minSamples sessions", async () => {
    // Sessions s1..s20: a completed and a failed run (k and k/2 thousand), created interleaved, so a
    // session costs 1.5k thousand micro-USD; a still-running run of s20 does not count yet.
    for (let k = 1; k <= 20; k++) await seedRun(fresh.store, { sessionId: `s${k}`, costMicros: k * 1_000 });
    for (let k = 1; k <= 20; k++) {
      await seedRun(fresh.store, { sessionId: `s${k}`, costMicros: k * 500, status: "failed" });
    }
    await seedRun(fresh.store, { sessionId: "s20", costMicros: 1_000_000, status: "running" });

    const runs = fresh.store.runs;
    // 20 session costs 1.5k..30k: p50 is rank 10 (15,000), p95 is rank 19 (28,500).
    expect(
      await learnEnvelope({ runs, agent: "triage", settings: { historySize: 200, minSamples: 20 } }),
    ).toEqual({
      p50Micros: 15_000,
      p95Micros: 28_500,
      source: "learned",
      samples: 20,
    });
    expect(
      await learnEnvelope({ runs, agent: "triage", settings: { historySize: 200, minSamples: 21 } }),
    ).toBeUndefined();
  });

  it("opens sessions without an envelope below minSamples; the loop detectors still trip", async () => {
    for (let run = 0; run < 19; run++) await seedRun(fresh.store, { costMicros: 10_000 });
    const registry = createBreakerRegistry({ store: fresh.store, clock: fresh.clock });
    const session = await registry.openSession({ agent: "triage" });
    expect(session.envelope).toBeUndefined();
    expect(session.beforeModelCall(1_000_000_000)).toBeUndefined();
    session.recordToolCall("lookup_order", { id: 3 });
    session.recordToolCall("lookup_order", { id: 3 });
    expect(session.recordToolCall("lookup_order", { id: 3 })?.reason).toBe("repeated-tool-call");
  });

  it("trips at 3 x the learned p95, and keeps the learned envelope for a minute", async () => {
    for (const thousands of thirtyCosts) await seedRun(fresh.store, { costMicros: thousands * 1_000 });
    const registry = createBreakerRegistry({ store: fresh.store, clock: fresh.clock });
    const first = await registry.openSession({ agent: "triage" });
    expect(first.envelope).toMatchObject({ p95Micros: 29_000, samples: 30 });
    expect(first.beforeModelCall(87_000)).toBeUndefined();
    expect(first.beforeModelCall(87_001)).toMatchObject({
      reason: "cost-envelope",
      details: { limitMicros: 87_000 },
    });

    // Ten dear sessions move p95; within the minute the cached envelope is still used.
    for (let run = 0; run < 10; run++) await seedRun(fresh.store, { costMicros: 500_000 });
    fresh.clock.advance(59_999);
    expect((await registry.openSession({ agent: "triage" })).envelope).toMatchObject({ p95Micros: 29_000 });
    expect(registry.status("triage").envelope).toMatchObject({ p95Micros: 29_000 });
    fresh.clock.advance(1);
    expect((await registry.openSession({ agent: "triage" })).envelope).toMatchObject({
      p95Micros: 500_000,
      samples: 40,
    });
  });

  it("starts a session from what its earlier runs of the agent spent", async () => {
    await seedRun(fresh.store, { sessionId: "chat-1", costMicros: 100_000 });
    await seedRun(fresh.store, { sessionId: "chat-1", costMicros: 150_000, status: "paused" });
    // A subagent's spend is already part of its parent's cost; another session is not this one.
    await seedRun(fresh.store, { agent: "billing", sessionId: "chat-1", costMicros: 50_000 });
    await seedRun(fresh.store, { sessionId: "chat-2", costMicros: 70_000 });

    const registry = createBreakerRegistry({
      store: fresh.store,
      clock: fresh.clock,
      settingsFor: () => ({ envelope: { p50Usd: 0.05, p95Usd: 0.1 } }),
    });
    const session = await registry.openSession({ agent: "triage", sessionId: "chat-1" });
    expect(session.snapshot().spentMicros).toBe(250_000);
    expect(session.beforeModelCall(50_000)).toBeUndefined();
    expect(session.beforeModelCall(50_001)?.details.spentMicros).toBe(250_000);
    expect(
      (await registry.openSession({ agent: "triage", sessionId: "chat-3" })).snapshot().spentMicros,
    ).toBe(0);
  });
});
