import { describe, expect, it } from "vitest";
import { GantryError } from "../../src/core/index.js";
import { createSimProvider } from "../../src/models/index.js";
import {
  hello,
  httpError,
  recordingSleep,
  rejectionOf,
  ScriptedModel,
  testClient,
  timeline,
  usage,
} from "./failover-helpers.js";

const tiers = { main: ["primary:m", "secondary:m", "tertiary:m"] };

describe("failover of plain calls", () => {
  it("primary 500 three times → the secondary serves; 3 errors and 1 success recorded (sim models)", async () => {
    const { sleep } = recordingSleep();
    const broken = createSimProvider({ faults: { serverError: 1 }, sleep })("default");
    const healthy = createSimProvider({ sleep })("default");
    const { client, waits, attemptsSeen } = testClient(
      { "primary:m": broken, "secondary:m": healthy },
      { retry: { retriesPerCandidate: 2 }, tiers: { main: ["primary:m", "secondary:m"] } },
    );
    const result = await client.generate({ ...hello, model: "tier:main" });
    expect(result.modelId).toBe("secondary:m");
    expect(timeline(result.attempts)).toEqual([
      "1 primary:m error SERVER_ERROR",
      "2 primary:m error SERVER_ERROR",
      "3 primary:m error SERVER_ERROR",
      "4 secondary:m success",
    ]);
    expect(result.attempts.slice(0, 3).map((attempt) => attempt.error?.statusCode)).toEqual(
      expect.arrayContaining([expect.any(Number)]),
    );
    // Equal jitter with random 0.5: 3/4 of 250 ms, then 3/4 of 500 ms; no wait before failing over.
    expect(waits).toEqual([188, 375]);
    expect(result.attempts.map((attempt) => attempt.waitedMs)).toEqual([0, 188, 375, 0]);
    expect(result.route).toEqual({ reason: "tier", tier: "main", candidates: ["primary:m", "secondary:m"] });
    expect(attemptsSeen).toEqual(result.attempts);
    expect(result.content[0]).toMatchObject({ type: "text" });
  });

  it("a caller's abort mid-call ends the request at once: no failover, no further call", async () => {
    const primary = new ScriptedModel("primary:m", [{ kind: "hang" }]);
    const secondary = new ScriptedModel("secondary:m", [{ kind: "answer", text: "late" }]);
    const { client } = testClient({ "primary:m": primary, "secondary:m": secondary }, { tiers });
    const controller = new AbortController();
    const call = client.generate({ ...hello, model: "tier:main", abortSignal: controller.signal });
    await expect.poll(() => primary.callCount).toBe(1);
    controller.abort(new Error("user went away"));
    const error = await rejectionOf(call);
    expect(error).toEqual(new Error("user went away"));
    expect(secondary.callCount).toBe(0);
  });

  it("rejects with the abort promptly even when the provider ignores its signal", async () => {
    const primary = new ScriptedModel("primary:m", [{ kind: "hang", ignoreAbort: true }]);
    const { client, attemptsSeen } = testClient({ "primary:m": primary }, { tiers: { main: ["primary:m"] } });
    const controller = new AbortController();
    const call = client.generate({ ...hello, model: "tier:main", abortSignal: controller.signal });
    await expect.poll(() => primary.callCount).toBe(1);
    controller.abort();
    const error = await rejectionOf(call);
    expect((error as Error).name).toBe("AbortError");
    expect(timeline(attemptsSeen)).toEqual(["1 primary:m aborted ABORTED"]);
  });

  it("an already aborted signal makes no call at all", async () => {
    const primary = new ScriptedModel("primary:m", [{ kind: "answer", text: "hi" }]);
    const { client } = testClient({ "primary:m": primary }, { tiers });
    const error = await rejectionOf(
      client.generate({ ...hello, model: "tier:main", abortSignal: AbortSignal.abort() }),
    );
    expect((error as Error).name).toBe("AbortError");
    expect(primary.callCount).toBe(0);
  });

  it("429 with Retry-After 30 s and a fallback → the fallback at once, no wait", async () => {
    const primary = new ScriptedModel("primary:m", [
      { kind: "throw", error: httpError(429, { "retry-after": "30" }) },
    ]);
    const secondary = new ScriptedModel("secondary:m", [{ kind: "answer", text: "from the fallback" }]);
    const { client, waits, cooldown } = testClient(
      { "primary:m": primary, "secondary:m": secondary },
      { tiers },
    );
    const result = await client.generate({ ...hello, model: "tier:main" });
    expect(result.modelId).toBe("secondary:m");
    expect(waits).toEqual([]);
    expect(primary.callCount).toBe(1);
    expect(result.attempts[0]?.error).toMatchObject({
      code: "RATE_LIMITED",
      statusCode: 429,
      retryAfterMs: 30_000,
    });
    // The provider said when it takes calls again, so other requests skip it meanwhile.
    expect(cooldown.isCooling("primary:m")).toBe(true);
  });

  it("a short Retry-After is waited out, as a floor over the backoff", async () => {
    const primary = new ScriptedModel("primary:m", [
      { kind: "throw", error: httpError(429, { "retry-after": "2" }) },
      { kind: "answer", text: "after waiting" },
    ]);
    const { client, waits } = testClient({ "primary:m": primary }, { tiers });
    const result = await client.generate({ ...hello, model: "tier:main" });
    expect(result.modelId).toBe("primary:m");
    expect(waits).toEqual([2_000]);
    expect(timeline(result.attempts)).toEqual(["1 primary:m error RATE_LIMITED", "2 primary:m success"]);
  });

  it("a long Retry-After with no candidate left gives up at once, saying when to retry", async () => {
    const primary = new ScriptedModel("primary:m", [
      { kind: "throw", error: httpError(429, { "retry-after": "30" }) },
    ]);
    const { client, waits, clock } = testClient({ "primary:m": primary }, { tiers: { main: ["primary:m"] } });
    const error = await rejectionOf(client.generate({ ...hello, model: "tier:main" }));
    expect(GantryError.isInstance(error) && error.code).toBe("MODEL_CALL_FAILED");
    const gantryError = error as GantryError;
    expect(gantryError.details.retryAt).toBe(new Date(clock.now() + 30_000).toISOString());
    expect(gantryError.message).toContain("not to be called again before");
    expect(gantryError.hint).toContain("Retry after");
    expect(waits).toEqual([]);
    expect(primary.callCount).toBe(1);
  });

  it("the cap: primary and two fallbacks all failing with maxAttempts 4 make exactly 4 calls", async () => {
    const models = {
      "primary:m": new ScriptedModel("primary:m", [{ kind: "throw", error: httpError(503) }]),
      "secondary:m": new ScriptedModel("secondary:m", [{ kind: "throw", error: httpError(503) }]),
      "tertiary:m": new ScriptedModel("tertiary:m", [{ kind: "throw", error: httpError(503) }]),
    };
    const { client } = testClient(models, { tiers, retry: { maxAttempts: 4, retriesPerCandidate: 2 } });
    const error = await rejectionOf(client.generate({ ...hello, model: "tier:main" }));
    const calls = Object.values(models).reduce((sum, model) => sum + model.callCount, 0);
    expect(calls).toBe(4);
    expect(models["primary:m"].callCount).toBe(3);
    expect(models["secondary:m"].callCount).toBe(1);
    expect(models["tertiary:m"].callCount).toBe(0);
    const gantryError = error as GantryError;
    expect(gantryError.code).toBe("MODEL_CALL_FAILED");
    expect(gantryError.category).toBe("THIRD_PARTY");
    expect(gantryError.message).toContain("the cap of 4 attempts per request was reached");
    expect(gantryError.message).toContain("#4 secondary:m SERVER_ERROR 503");
    // details are JSON-safe and carry every attempt
    const json = JSON.parse(JSON.stringify(gantryError.toJSON()));
    expect(json.details.attempts).toHaveLength(4);
    expect(json.details.attempts[3]).toMatchObject({ number: 4, modelId: "secondary:m", outcome: "error" });
  });

  it("401 fails over at once and cools the deployment: the next request skips it without calling", async () => {
    const primary = new ScriptedModel("primary:m", [{ kind: "throw", error: httpError(401) }]);
    const secondary = new ScriptedModel("secondary:m", [{ kind: "answer", text: "ok" }]);
    const { client } = testClient({ "primary:m": primary, "secondary:m": secondary }, { tiers });
    const first = await client.generate({ ...hello, model: "tier:main" });
    expect(timeline(first.attempts)).toEqual([
      "1 primary:m error AUTHENTICATION_FAILED",
      "2 secondary:m success",
    ]);
    const second = await client.generate({ ...hello, model: "tier:main" });
    expect(timeline(second.attempts)).toEqual([
      "1 primary:m skipped-cooldown COOLING_DOWN",
      "2 secondary:m success",
    ]);
    expect(primary.callCount).toBe(1);
  });

  it("more than half failing within the window cools down, and the cooldown expires after durationMs", async () => {
    const primary = new ScriptedModel("primary:m", [{ kind: "throw", error: httpError(500) }]);
    const secondary = new ScriptedModel("secondary:m", [{ kind: "answer", text: "ok" }]);
    const { client, clock } = testClient(
      { "primary:m": primary, "secondary:m": secondary },
      {
        tiers,
        retry: {
          retriesPerCandidate: 0,
          cooldown: { windowMs: 60_000, failureRate: 0.5, minCalls: 3, durationMs: 30_000 },
        },
      },
    );
    for (let request = 0; request < 3; request++) await client.generate({ ...hello, model: "tier:main" });
    expect(primary.callCount).toBe(3);
    const cooled = await client.generate({ ...hello, model: "tier:main" });
    expect(cooled.attempts[0]?.outcome).toBe("skipped-cooldown");
    expect(primary.callCount).toBe(3);
    clock.advance(30_000);
    const after = await client.generate({ ...hello, model: "tier:main" });
    expect(after.attempts[0]).toMatchObject({ modelId: "primary:m", outcome: "error" });
    expect(primary.callCount).toBe(4);
  });

  it("when every candidate is cooling, the one that cools off soonest is tried rather than none", async () => {
    const primary = new ScriptedModel("primary:m", [{ kind: "answer", text: "primary" }]);
    const secondary = new ScriptedModel("secondary:m", [{ kind: "answer", text: "secondary" }]);
    const { client, cooldown } = testClient(
      { "primary:m": primary, "secondary:m": secondary },
      { tiers: { main: ["primary:m", "secondary:m"] } },
    );
    cooldown.coolDown("primary:m", 20_000);
    cooldown.coolDown("secondary:m", 5_000);
    const result = await client.generate({ ...hello, model: "tier:main" });
    expect(result.modelId).toBe("secondary:m");
    expect(timeline(result.attempts)).toEqual([
      "1 primary:m skipped-cooldown COOLING_DOWN",
      "2 secondary:m success",
    ]);
  });

  it("400 stops: the provider refused the request itself, so no other model is asked", async () => {
    const primary = new ScriptedModel("primary:m", [{ kind: "throw", error: httpError(400) }]);
    const secondary = new ScriptedModel("secondary:m", [{ kind: "answer", text: "ok" }]);
    const { client, cooldown } = testClient({ "primary:m": primary, "secondary:m": secondary }, { tiers });
    const error = await rejectionOf(client.generate({ ...hello, model: "tier:main" }));
    expect(error).toMatchObject({ code: "MODEL_REQUEST_REJECTED", category: "USER" });
    expect(secondary.callCount).toBe(0);
    expect(cooldown.windowOf("primary:m")).toEqual({ calls: 0, failures: 0 });
  });

  it("times out a hung attempt (our timer, not the caller's abort) and retries", async () => {
    const primary = new ScriptedModel("primary:m", [
      { kind: "hang", ignoreAbort: true },
      { kind: "answer", text: "ok" },
    ]);
    const { client } = testClient({ "primary:m": primary }, { tiers, retry: { attemptTimeoutMs: 20 } });
    const result = await client.generate({ ...hello, model: "tier:main" });
    expect(timeline(result.attempts)).toEqual(["1 primary:m error ATTEMPT_TIMEOUT", "2 primary:m success"]);
    expect(result.attempts[0]?.error?.retryable).toBe(true);
  });

  it("a candidate whose model cannot be built is recorded and passed over without using the cap", async () => {
    const secondary = new ScriptedModel("secondary:m", [{ kind: "answer", text: "ok" }]);
    const { client } = testClient({ "secondary:m": secondary }, { tiers, retry: { maxAttempts: 1 } });
    const result = await client.generate({ ...hello, model: "tier:main" });
    expect(timeline(result.attempts)).toEqual([
      "1 primary:m error MODEL_UNAVAILABLE",
      "2 secondary:m success",
    ]);
    expect(result.attempts[0]?.error?.message).toContain("no test model primary:m");
  });

  it("carries the successful attempt's usage and cost, priced by the injected costOf", async () => {
    const primary = new ScriptedModel("primary:m", [
      { kind: "throw", error: httpError(500) },
      { kind: "answer", text: "ok", usage: usage(100, 20) },
    ]);
    const { client } = testClient(
      { "primary:m": primary },
      {
        tiers,
        extra: {
          costOf: (_modelId, callUsage) => ({
            usage: {
              input: callUsage.inputTokens.total ?? 0,
              cacheRead: 0,
              cacheWrite: 0,
              cacheWrite1h: 0,
              output: callUsage.outputTokens.total ?? 0,
              reasoning: 0,
            },
            cost: { micros: 7, source: "computed" },
          }),
        },
      },
    );
    const result = await client.generate({ ...hello, model: "tier:main" });
    expect(result.usage).toMatchObject({ input: 100, output: 20 });
    expect(result.cost).toEqual({ micros: 7, source: "computed" });
    expect(result.attempts[0]?.usage).toBeUndefined();
    expect(result.attempts[1]?.cost).toEqual({ micros: 7, source: "computed" });
  });

  it("without costOf, usage is normalised minimally and cost is unknown, never 0", async () => {
    const primary = new ScriptedModel("primary:m", [{ kind: "answer", text: "ok", usage: usage(12, 3) }]);
    const { client } = testClient({ "primary:m": primary }, { tiers });
    const result = await client.generate({ ...hello, model: "tier:main" });
    expect(result.usage).toEqual({
      input: 12,
      cacheRead: 0,
      cacheWrite: 0,
      cacheWrite1h: 0,
      output: 3,
      reasoning: 0,
    });
    expect(result.cost).toEqual({ micros: null, source: "unknown" });
  });

  it("a routing that yields no candidate fails with MODEL_NO_CANDIDATES", async () => {
    const { client } = testClient({}, {});
    const error = await rejectionOf(client.generate({ ...hello, model: "tier:missing" }));
    expect(error).toMatchObject({ code: "MODEL_NO_CANDIDATES", category: "USER" });
  });
});
