import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock, type ModelsConfig, modelsSchema } from "../../src/core/index.js";
import {
  createEscalationRecorder,
  createModelClient,
  createProviderRegistry,
  createResponseCache,
  createRouter,
  type ModelRequest,
  responseCacheKey,
  type ScenarioInput,
} from "../../src/models/index.js";
import { openStore, type Store } from "../../src/store/index.js";

// Routing, cascades and the response cache end to end: the real router, provider registry, sim model,
// model client and store (SQLite), with a manual clock for the cache's TTL.

const extraction: ScenarioInput = {
  rules: [
    {
      name: "extract",
      match: { lastUserText: "extract" },
      reply: { text: '{"category":"billing","confidence":0.9}' },
    },
    { name: "chat", reply: { text: "Happy to help with that." } },
  ],
  // A cheap model version that never gives the scripted answer, to make its cascade escalate.
  versions: { refusing: { refusalRate: 1 } },
};

function modelsConfig(): ModelsConfig {
  return modelsSchema.parse({
    default: "sim:default",
    tiers: { small: ["sim:fast"], flaky: ["sim:fast@refusing"], large: ["sim:default"] },
    routing: {
      rules: [
        { taskProfile: "classification", tier: "small" },
        { taskProfile: "extraction", tier: "flaky" },
        { taskProfile: "checked-extraction", tier: "small" },
      ],
      cascade: [
        { name: "flaky-then-large", from: "flaky", to: "large", validator: "json" },
        { name: "small-then-large", from: "small", to: "large", validator: "json" },
      ],
    },
    cache: { enabled: true, ttlSeconds: 60 },
  });
}

const ask = (text: string, extra: Partial<ModelRequest> = {}): ModelRequest => ({
  prompt: [{ role: "user", content: [{ type: "text", text }] }],
  ...extra,
});

describe("routing and the response cache through the model client", () => {
  let root: string;
  let store: Store;
  const clock = new ManualClock(Date.UTC(2026, 5, 1, 12, 0, 0));

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), "gantry-routing-"));
    store = await openStore({ root, clock });
  });
  afterEach(async () => {
    await store.close();
    rmSync(root, { recursive: true, force: true });
  });

  function setUp(models: ModelsConfig = modelsConfig()) {
    const registry = createProviderRegistry({
      models,
      env: {},
      workspaceRoot: root,
      sim: { scenarios: [extraction], clock },
    });
    const resolveCandidates = (modelOrTier: string | undefined) => registry.resolve(modelOrTier);
    const router = createRouter({ models, resolveCandidates });
    const cache = createResponseCache({ store, clock, ttlSeconds: models.cache.ttlSeconds });
    const client = createModelClient({
      models,
      languageModel: (modelId) => registry.languageModel(modelId),
      resolveCandidates,
      router,
      cache,
      cacheKey: responseCacheKey,
      clock,
    });
    return { client, router };
  }

  it("routes a task profile to the small tier's model", async () => {
    const { client } = setUp(
      modelsSchema.parse({ ...modelsConfig(), routing: { rules: modelsConfig().routing.rules } }),
    );
    const result = await client.generate(
      ask("is this about billing?", { taskProfile: "classification", noCache: true }),
    );
    expect(result.route).toMatchObject({ reason: "rule", tier: "small", candidates: ["sim:fast"] });
    expect(result.modelId).toBe("sim:fast");
    expect(result.attempts.map((attempt) => attempt.modelId)).toEqual(["sim:fast"]);
    const unrouted = await client.generate(ask("is this about billing?", { noCache: true }));
    expect(unrouted.route).toMatchObject({ reason: "default" });
    expect(unrouted.modelId).toBe("sim:default");
  });

  it("escalates a cascade when the cheap answer fails the json validator, and records the rate", async () => {
    const { client } = setUp();
    const recorder = createEscalationRecorder();
    const result = await client.generate(
      ask("extract the category", { taskProfile: "extraction", noCache: true }),
    );
    recorder.recordResult(result);
    expect(result.route).toMatchObject({ reason: "cascade", cascade: "flaky-then-large", escalated: true });
    expect(result.modelId).toBe("sim:default");
    expect(result.content).toEqual([{ type: "text", text: '{"category":"billing","confidence":0.9}' }]);
    // The refused cheap answer was paid for and is on the record, then the large tier answered.
    expect(result.attempts.map((attempt) => [attempt.modelId, attempt.outcome])).toEqual([
      ["sim:fast@refusing", "success"],
      ["sim:default", "success"],
    ]);
    expect(recorder.stats("flaky-then-large")).toEqual({ calls: 1, escalations: 1, rate: 1 });
  });

  it("does not escalate when the cheap answer is valid JSON", async () => {
    const { client } = setUp();
    const recorder = createEscalationRecorder();
    const result = await client.generate(
      ask("extract the category", { taskProfile: "checked-extraction", noCache: true }),
    );
    recorder.recordResult(result);
    expect(result.route).toMatchObject({ reason: "cascade", cascade: "small-then-large", escalated: false });
    expect(result.modelId).toBe("sim:fast");
    expect(result.attempts.map((attempt) => attempt.modelId)).toEqual(["sim:fast"]);
    expect(recorder.stats("small-then-large")).toEqual({ calls: 1, escalations: 0, rate: 0 });
  });

  it("answers a repeated request from the cache within the TTL, and calls the model again after", async () => {
    const { client } = setUp();
    const request = () => ask("hello, what can you do?");
    const first = await client.generate(request());
    expect(first.cached).toBe(false);
    // The client writes to the cache without waiting for it; wait for the row instead of sleeping.
    await waitFor(
      async () => (await store.db.selectFrom("response_cache").select("key").execute()).length === 1,
    );

    clock.advance(59_000);
    const hit = await client.generate(request());
    expect(hit.cached).toBe(true);
    expect(hit.content).toEqual(first.content);
    expect(hit.modelId).toBe(first.modelId);
    expect(hit.cost).toEqual({ micros: 0, source: "reported" });
    expect(hit.attempts).toEqual([]);

    const bypass = await client.generate(ask("hello, what can you do?", { noCache: true }));
    expect(bypass.cached).toBe(false);

    clock.advance(1_000);
    const miss = await client.generate(request());
    expect(miss.cached).toBe(false);
    expect(miss.attempts).toHaveLength(1);
  });

  it("replays a cache hit as a stream", async () => {
    const { client } = setUp();
    const first = await client.generate(ask("hello again"));
    await waitFor(
      async () => (await store.db.selectFrom("response_cache").select("key").execute()).length === 1,
    );
    const streamed = await client.stream(ask("hello again"));
    let text = "";
    for await (const part of streamed.stream) if (part.type === "text-delta") text += part.delta;
    expect(text).toBe(first.content.map((part) => (part.type === "text" ? part.text : "")).join(""));
    expect((await streamed.result).cached).toBe(true);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
