import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../core/index.js";
import { openStore, type Store } from "../../store/index.js";
import type { ModelCallResult } from "../model-call-spec.js";
import { createResponseCache } from "./response-cache.js";

function result(overrides: Partial<ModelCallResult> = {}): ModelCallResult {
  return {
    modelId: "sim:fast",
    content: [
      { type: "text", text: "Your order ships today." },
      { type: "tool-call", toolCallId: "call_1", toolName: "lookup_order", input: '{"orderId":"42"}' },
    ],
    finishReason: { unified: "tool-calls", raw: "tool_calls" },
    usage: { input: 20, cacheRead: 0, cacheWrite: 0, cacheWrite1h: 0, output: 7, reasoning: 0 },
    cost: { micros: 123, source: "computed", priceVersion: "bundled" },
    attempts: [
      {
        number: 1,
        modelId: "sim:fast",
        provider: "sim",
        startedAt: 0,
        durationMs: 5,
        waitedMs: 0,
        outcome: "success",
      },
    ],
    route: { reason: "cascade", cascade: "cheap", candidates: ["sim:fast"], validate: () => true },
    cached: false,
    responseId: "resp_1",
    providerMetadata: { sim: { rule: "order-status" } },
    ...overrides,
  };
}

describe("createResponseCache", () => {
  let root: string;
  let store: Store;
  const clock = new ManualClock(Date.UTC(2026, 5, 1, 12, 0, 0));

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), "gantry-cache-"));
    store = await openStore({ root, clock });
  });
  afterEach(async () => {
    await store.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("answers a hit within the TTL as cached, free and attempt-less, and a miss after", async () => {
    const cache = createResponseCache({ store, clock, ttlSeconds: 60 });
    expect(await cache.get("k")).toBeUndefined();
    await cache.set("k", result());
    clock.advance(59_999);
    const hit = await cache.get("k");
    const { validate: _validate, ...route } = result().route;
    expect(hit).toEqual({
      ...result(),
      route,
      cached: true,
      cost: { micros: 0, source: "reported" },
      attempts: [],
    });
    clock.advance(1);
    expect(await cache.get("k")).toBeUndefined();
  });

  it("takes a per-entry TTL over the default, and purges only what expired", async () => {
    const cache = createResponseCache({ store, clock, ttlSeconds: 3600 });
    await cache.set("short", result(), 10);
    await cache.set("long", result());
    clock.advance(10_000);
    expect(await cache.get("short")).toBeUndefined();
    expect(await cache.get("long")).toBeDefined();
    expect(await cache.purgeExpired()).toBe(1);
    expect(await cache.purgeExpired()).toBe(0);
    expect(await cache.get("long")).toBeDefined();
  });

  it("never stores errors or results that were themselves cache hits", async () => {
    const cache = createResponseCache({ store, clock, ttlSeconds: 60 });
    await cache.set("error", result({ finishReason: { unified: "error", raw: undefined } }));
    await cache.set("hit", result({ cached: true }));
    await cache.set("fine", result());
    expect(await cache.get("error")).toBeUndefined();
    expect(await cache.get("hit")).toBeUndefined();
    expect(await cache.get("fine")).toBeDefined();
  });

  it("stores file bytes as base64 text", async () => {
    const cache = createResponseCache({ store, clock, ttlSeconds: 60 });
    await cache.set(
      "file",
      result({ content: [{ type: "file", mediaType: "text/plain", data: new TextEncoder().encode("hi") }] }),
    );
    expect((await cache.get("file"))?.content).toEqual([
      { type: "file", mediaType: "text/plain", data: "aGk=" },
    ]);
  });

  it("treats an entry in an unknown format as a miss", async () => {
    const cache = createResponseCache({ store, clock, ttlSeconds: 60 });
    await store.responseCache.put({
      key: "foreign",
      modelId: "sim:fast",
      value: { something: "else" },
      createdAt: new Date(clock.now()).toISOString(),
      expiresAt: new Date(clock.now() + 60_000).toISOString(),
    });
    expect(await cache.get("foreign")).toBeUndefined();
  });
});
