import { describe, expect, it } from "vitest";
import type { ModelCallResult, ModelRequest, ResponseCache, RouteDecision } from "../../src/models/index.js";
import { hello, httpError, rejectionOf, ScriptedModel, testClient, timeline } from "./failover-helpers.js";
import { readParts, streamedText } from "./sim-test-helpers.js";

function textOf(result: ModelCallResult): string {
  return result.content.map((part) => (part.type === "text" ? part.text : "")).join("");
}

function cascadeRouter(validate: RouteDecision["validate"]): {
  route(request: ModelRequest): Promise<RouteDecision>;
} {
  return {
    route: async () => ({
      reason: "cascade",
      cascade: "cheap-first",
      tier: "small",
      candidates: ["cheap:m"],
      escalateCandidates: ["strong:m"],
      validate,
    }),
  };
}

function cascadeModels(cheapText = "maybe") {
  return {
    "cheap:m": new ScriptedModel("cheap:m", [{ kind: "answer", text: cheapText }]),
    "strong:m": new ScriptedModel("strong:m", [{ kind: "answer", text: '{"answer": 42}' }]),
  };
}

const isJson = (result: ModelCallResult) => {
  try {
    JSON.parse(textOf(result));
    return true;
  } catch {
    return false;
  }
};

describe("cascades run by the client", () => {
  it("keeps the cheap answer when the check passes", async () => {
    const models = cascadeModels('{"answer": 1}');
    const { client } = testClient(models, { extra: { router: cascadeRouter(isJson) } });
    const result = await client.generate(hello);
    expect(result.modelId).toBe("cheap:m");
    expect(result.route).toEqual({
      reason: "cascade",
      cascade: "cheap-first",
      tier: "small",
      candidates: ["cheap:m"],
      escalateCandidates: ["strong:m"],
      escalated: false,
    });
    expect(models["strong:m"].callCount).toBe(0);
  });

  it("escalates when the check fails, recording the attempts of both phases", async () => {
    const models = cascadeModels("not json");
    const { client } = testClient(models, { extra: { router: cascadeRouter(isJson) } });
    const result = await client.generate(hello);
    expect(result.modelId).toBe("strong:m");
    expect(result.route.escalated).toBe(true);
    expect("validate" in result.route).toBe(false);
    expect(timeline(result.attempts)).toEqual(["1 cheap:m success", "2 strong:m success"]);
    expect(result.attempts[0]?.warnings).toEqual(["the cascade check rejected the answer; escalated"]);
  });

  it("escalates when every cheap candidate fails, under one cap for both phases", async () => {
    const models = {
      "cheap:m": new ScriptedModel("cheap:m", [{ kind: "throw", error: httpError(500) }]),
      "strong:m": new ScriptedModel("strong:m", [{ kind: "throw", error: httpError(500) }]),
    };
    const { client } = testClient(models, {
      retry: { maxAttempts: 4, retriesPerCandidate: 2 },
      extra: { router: cascadeRouter(() => true) },
    });
    const error = await rejectionOf(client.generate(hello));
    expect(error).toMatchObject({ code: "MODEL_CALL_FAILED" });
    expect(models["cheap:m"].callCount + models["strong:m"].callCount).toBe(4);
    expect(models["strong:m"].callCount).toBe(1);
  });

  it("a check that throws counts as a rejection", async () => {
    const models = cascadeModels();
    const { client } = testClient(models, {
      extra: {
        router: cascadeRouter(() => {
          throw new Error("validator bug");
        }),
      },
    });
    const result = await client.generate(hello);
    expect(result.modelId).toBe("strong:m");
    expect(result.attempts[0]?.warnings?.[0]).toContain("validator bug");
  });

  it("a streamed cascade streams only the final answer: the checked cheap answer, replayed", async () => {
    const models = cascadeModels('{"answer": 1}');
    const { client } = testClient(models, { extra: { router: cascadeRouter(isJson) } });
    const { stream, result } = await client.stream(hello);
    const { parts } = await readParts(stream);
    expect(streamedText(parts)).toBe('{"answer": 1}');
    expect(parts.at(-1)).toMatchObject({ type: "finish", usage: { inputTokens: { total: 10 } } });
    expect((await result).route.escalated).toBe(false);
    expect(models["cheap:m"].calls).toHaveLength(1);
  });

  it("a streamed cascade that escalates streams the strong answer live", async () => {
    const models = cascadeModels("nope");
    const { client } = testClient(models, { extra: { router: cascadeRouter(isJson) } });
    const { stream, result } = await client.stream(hello);
    expect(streamedText((await readParts(stream)).parts)).toBe('{"answer": 42}');
    const settled = await result;
    expect(settled.route.escalated).toBe(true);
    expect(timeline(settled.attempts)).toEqual(["1 cheap:m success", "2 strong:m success"]);
  });
});

function memoryCache(): ResponseCache & { entries: Map<string, ModelCallResult>; ttls: number[] } {
  const entries = new Map<string, ModelCallResult>();
  const ttls: number[] = [];
  return {
    entries,
    ttls,
    get: async (key) => entries.get(key),
    set: async (key, value, ttlSeconds) => {
      entries.set(key, value);
      ttls.push(ttlSeconds);
    },
  };
}

describe("the response cache around failover", () => {
  it("is off unless models.cache.enabled is true", async () => {
    const model = new ScriptedModel("primary:m", [{ kind: "answer", text: "cached answer" }]);
    const cache = memoryCache();
    const { client } = testClient(
      { "primary:m": model },
      { tiers: { main: ["primary:m"] }, extra: { cache } },
    );
    await client.generate({ ...hello, model: "tier:main" });
    await client.generate({ ...hello, model: "tier:main" });
    expect(model.callCount).toBe(2);
    expect(cache.entries.size).toBe(0);
  });

  it("answers a repeated request from the cache: no call, no attempts, cost 0 reported", async () => {
    const model = new ScriptedModel("primary:m", [{ kind: "answer", text: "cached answer" }]);
    const cache = memoryCache();
    const { client } = testClient(
      { "primary:m": model },
      { tiers: { main: ["primary:m"] }, extra: { cache }, cacheEnabled: true },
    );
    const first = await client.generate({ ...hello, model: "tier:main" });
    expect(first.cached).toBe(false);
    await expect.poll(() => cache.entries.size).toBe(1);
    expect(cache.ttls).toEqual([3_600]);
    const second = await client.generate({ ...hello, model: "tier:main" });
    expect(model.callCount).toBe(1);
    expect(second).toMatchObject({ cached: true, attempts: [], cost: { micros: 0, source: "reported" } });
    expect(second.usage).toEqual(first.usage);
    expect(textOf(second)).toBe("cached answer");
    const streamed = await client.stream({ ...hello, model: "tier:main" });
    expect(streamedText((await readParts(streamed.stream)).parts)).toBe("cached answer");
    expect(model.callCount).toBe(1);
    await client.generate({ ...hello, model: "tier:main", noCache: true });
    expect(model.callCount).toBe(2);
  });

  it("a failing cache never fails the call", async () => {
    const model = new ScriptedModel("primary:m", [{ kind: "answer", text: "ok" }]);
    const broken: ResponseCache = {
      get: async () => {
        throw new Error("store down");
      },
      set: async () => {
        throw new Error("store down");
      },
    };
    const { client } = testClient(
      { "primary:m": model },
      { tiers: { main: ["primary:m"] }, extra: { cache: broken }, cacheEnabled: true },
    );
    expect(textOf(await client.generate({ ...hello, model: "tier:main" }))).toBe("ok");
  });
});
