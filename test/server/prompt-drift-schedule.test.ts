import { afterEach, describe, expect, it } from "vitest";
import { loadWorkspace, systemClock } from "../../src/core/index.js";
import { createPromptRegistry } from "../../src/prompts/index.js";
import { type RunningServer, schedulePromptDriftChecks, startServer } from "../../src/server/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { makeSpan } from "../store/span-fixtures.js";
import { eventually } from "../support/eventually.js";
import { readJson } from "../support/read-json.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";
import { triageSource } from "./prompt-registry-app.js";

// The server's periodic drift check: production calls carrying a text the production label does not
// point to become an open prompt-drift alert without anyone running `gantry prompts drift`; a failing
// check is reported, not thrown; the check stops with the server.

const noKeys = { OPENAI_API_KEY: "", ANTHROPIC_API_KEY: "", OLLAMA_BASE_URL: "", OPENAI_BASE_URL: "" };
const driftedHash = "d".repeat(64);

let store: Store | undefined;
let server: RunningServer | undefined;

afterEach(async () => {
  await server?.close();
  await store?.close();
  server = undefined;
  store = undefined;
});

/** A store with triage@1.0.0 in production and two production calls that used another text. */
async function driftingStore(root: string): Promise<Store> {
  const opened = await openStore({ root });
  const registry = createPromptRegistry({ store: opened });
  await registry.push(triageSource("1.0.0"), "prompts/triage.prompt.md");
  await registry.moveLabel("triage", "production", "1.0.0", { name: "test", scopes: ["admin"] });
  const now = Date.now();
  await opened.spans.insertMany(
    ["s1", "s2"].map((spanId, index) =>
      makeSpan({
        spanId,
        traceId: `t-${spanId}`,
        startTimeMs: now - (index + 1) * 60_000,
        endTimeMs: now - (index + 1) * 60_000 + 100,
        promptId: "triage",
        promptHash: driftedHash,
        environment: "production",
      }),
    ),
  );
  return opened;
}

describe("the periodic prompt drift check", () => {
  it("gantry up opens a prompt-drift alert on its own, at the configured interval", async () => {
    const root = temporaryWorkspace(
      `export default { models: { tiers: { small: ["sim:fast"] } }, prompts: { drift: { intervalSeconds: 0.05 } } };`,
    );
    store = await driftingStore(root);
    const workspace = await loadWorkspace(root);
    server = await startServer({ workspace, store, host: "127.0.0.1", port: 0, env: noKeys });
    const alerts = await eventually(
      async () => (await readJson(await fetch(`${server!.url}/api/v1/alerts?kind=prompt-drift`))).alerts,
      (list: unknown[]) => list.length > 0,
    );
    expect(alerts).toEqual([
      expect.objectContaining({
        key: `triage:${driftedHash}`,
        title: expect.stringContaining("label production is 1.0.0"),
        details: expect.objectContaining({ promptId: "triage", knownVersion: null, calls: 2 }),
      }),
    ]);
    // Checks keep running: the same condition bumps the open alert instead of opening another.
    await eventually(
      async () => (await store!.alerts.list({ kind: "prompt-drift" }))[0]!.count,
      (count) => count > 1,
    );
    expect(await store.alerts.list({ kind: "prompt-drift" })).toHaveLength(1);
  });

  it("reports a failing check and tries again; stop() ends the timer", async () => {
    const errors: unknown[] = [];
    const failing = {
      prompts: {
        usageByHash: async () => {
          throw new Error("the store is down");
        },
      },
      alerts: {},
    } as unknown as Store;
    const schedule = schedulePromptDriftChecks({
      store: failing,
      settings: {
        drift: { environment: "production", label: "production", windowHours: 24, intervalSeconds: 0.02 },
      },
      clock: systemClock,
      onError: (error) => errors.push(error),
    });
    await eventually(
      async () => errors.length,
      (count) => count >= 2,
    );
    await schedule.stop();
    const stoppedAt = errors.length;
    expect(String(errors[0])).toContain("the store is down");
    // After stop no check may start; a pending one has been awaited by stop().
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(errors.length).toBe(stoppedAt);
  });

  it("does nothing when the interval is 0", async () => {
    const calls: string[] = [];
    const watched = {
      prompts: {
        usageByHash: async () => {
          calls.push("usageByHash");
          return [];
        },
      },
      alerts: {},
    } as unknown as Store;
    const schedule = schedulePromptDriftChecks({
      store: watched,
      settings: {
        drift: { environment: "production", label: "production", windowHours: 24, intervalSeconds: 0 },
      },
      clock: systemClock,
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await schedule.stop();
    expect(calls).toEqual([]);
  });
});
