import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/index.js";
import {
  createPromptClient,
  createPromptRegistry,
  type PromptClientOptions,
  type PromptFetcher,
  type PromptRegistry,
  promptFallbackEvent,
  storePromptFetcher,
  workspaceBundledPrompts,
} from "../../src/prompts/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { createTelemetry, type Telemetry } from "../../src/telemetry/index.js";
import { rejectionOf } from "../store/fresh-store.js";
import { promptSource } from "./prompt-sources.js";

// The client on a real SQLite registry and a real workspace folder: what running agents get when the
// registry answers, is slow to change, does not know the prompt, or is gone.

const admin = { name: "ada", scopes: ["admin"] };
const ttlMs = 60_000;

let root: string;
let store: Store;
let registry: PromptRegistry;
let clock: ManualClock;
let fetches: string[];
let settledFetches: number;
let telemetry: Telemetry | undefined;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), "gantry-prompt-client-"));
  mkdirSync(join(root, "prompts"));
  clock = new ManualClock(Date.UTC(2026, 10, 24, 9, 0, 0));
  store = await openStore({ root, clock });
  registry = createPromptRegistry({ store, clock });
  fetches = [];
  settledFetches = 0;
});

afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
  await store.close().catch(() => {});
  rmSync(root, { recursive: true, force: true });
});

// The store fetcher, counting the registry calls it makes and the ones that have settled.
function countingFetcher(): PromptFetcher {
  const inner = storePromptFetcher(registry);
  return {
    fetch(id, selector) {
      fetches.push(`${id} ${JSON.stringify(selector)}`);
      return inner.fetch(id, selector).finally(() => {
        settledFetches++;
      });
    },
  };
}

function client(options: Partial<PromptClientOptions> = {}) {
  return createPromptClient({
    fetcher: countingFetcher(),
    bundled: workspaceBundledPrompts(root),
    clock,
    ttlMs,
    ...options,
  });
}

function bundle(source: string, id = "triage"): void {
  writeFileSync(join(root, "prompts", `${id}.prompt.md`), source);
}

async function released(version = "1.0.0"): Promise<void> {
  await registry.push(promptSource({ version }), "prompts/triage.prompt.md");
  await registry.moveLabel("triage", "production", version, admin);
}

// Background refreshes are not awaited by getPrompt; wait for them by their effect, with a deadline.
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe("prompt client", () => {
  it("serves the production label from the registry, then from its cache within the TTL", async () => {
    await released();
    const prompts = client();
    const first = await prompts.getPrompt("triage");
    expect(first).toMatchObject({ id: "triage", version: "1.0.0", servedFrom: "registry" });
    expect(first.fallbackReason).toBeUndefined();
    expect(first.template).toContain("{{ticket}}");
    clock.advance(ttlMs - 1);
    expect(await prompts.getPrompt("triage")).toMatchObject({ version: "1.0.0", servedFrom: "cache" });
    expect(fetches).toEqual(['triage {"label":"production"}']);
    expect(prompts.stats()).toMatchObject({ hits: 1, misses: 1, staleServed: 0, fetchErrors: 0 });
  });

  it("after the TTL serves the stale copy at once and refreshes it in the background", async () => {
    await released();
    const prompts = client();
    await prompts.getPrompt("triage");
    await registry.push(promptSource({ version: "1.0.1", wording: "Sort the ticket." }), "a");
    await registry.moveLabel("triage", "production", "1.0.1", admin);
    clock.advance(ttlMs);
    const stale = await prompts.getPrompt("triage");
    expect(stale).toMatchObject({ version: "1.0.0", servedFrom: "stale-cache" });
    // A refresh is not a fallback: the registry has not failed.
    expect(stale.fallbackReason).toBeUndefined();
    await until(() => settledFetches === 2, "the background refresh");
    expect(await prompts.getPrompt("triage")).toMatchObject({
      version: "1.0.1",
      servedFrom: "cache",
      template: "Sort the ticket.\n\nTicket:\n{{ticket}}",
    });
    expect(fetches).toHaveLength(2);
    expect(prompts.stats()).toMatchObject({ hits: 1, misses: 1, staleServed: 1 });
  });

  it("makes one registry call for concurrent requests of one prompt", async () => {
    await released();
    const prompts = client();
    const served = await Promise.all(Array.from({ length: 8 }, () => prompts.getPrompt("triage")));
    expect(new Set(served.map((prompt) => prompt.hash)).size).toBe(1);
    expect(fetches).toHaveLength(1);
    expect(prompts.stats().misses).toBe(8);
  });

  it("asks again after invalidate, and keeps label and version selections apart", async () => {
    await released();
    await registry.push(promptSource({ version: "1.1.0", optionalVariable: true }), "a");
    const prompts = client();
    expect((await prompts.getPrompt("triage")).version).toBe("1.0.0");
    expect((await prompts.getPrompt("triage", { version: "1.1.0" })).version).toBe("1.1.0");
    expect((await prompts.getPrompt("triage", { label: "latest" })).version).toBe("1.1.0");
    expect(fetches).toHaveLength(3);
    prompts.invalidate("triage");
    expect((await prompts.getPrompt("triage")).servedFrom).toBe("registry");
    expect(fetches).toHaveLength(4);
  });

  it("serves the bundled file for a prompt the registry does not have, and fails without one", async () => {
    bundle(promptSource({ version: "0.9.0" }));
    const prompts = client();
    const served = await prompts.getPrompt("triage");
    expect(served).toMatchObject({
      version: "0.9.0",
      servedFrom: "bundled",
      fallbackReason: "not-registered",
    });
    expect(prompts.stats().bundledServed).toBe(1);
    expect(prompts.stats().fetchErrors).toBe(0);
    // A pinned version the bundled file is not at cannot be stood in for.
    expect(await rejectionOf(prompts.getPrompt("triage", { version: "1.0.0" }))).toMatchObject({
      code: "PROMPT_NOT_FOUND",
    });
    expect(await rejectionOf(prompts.getPrompt("escalate"))).toMatchObject({ code: "PROMPT_NOT_FOUND" });
  });

  it("with the store closed, serves the cached prompt as stale-cache and a never-fetched one from its file, both as span events", async () => {
    await released();
    await registry.push(promptSource({ id: "escalate", version: "1.0.0" }), "b");
    bundle(promptSource({ id: "escalate", version: "1.0.0", wording: "Bundled escalation." }), "escalate");
    const memory = new InMemorySpanExporter();
    telemetry = createTelemetry({ serviceName: "prompt-client-test", exporters: { memory } });
    const prompts = client({ telemetry });
    await prompts.getPrompt("triage");

    await store.close();
    clock.advance(ttlMs + 1);
    // The first stale read cannot know yet that the registry is gone; its background refresh finds out.
    expect(await prompts.getPrompt("triage")).toMatchObject({ servedFrom: "stale-cache" });
    await until(() => prompts.stats().fetchErrors === 1, "the failed background refresh");
    expect(prompts.stats().lastFetchError?.promptId).toBe("triage");

    const [cached, bundled] = await telemetry.withSpan({ name: "invoke_agent triage" }, async () => [
      await prompts.getPrompt("triage"),
      await prompts.getPrompt("escalate"),
    ]);
    expect(cached).toMatchObject({
      version: "1.0.0",
      servedFrom: "stale-cache",
      fallbackReason: "unreachable",
    });
    expect(bundled).toMatchObject({ servedFrom: "bundled", fallbackReason: "unreachable" });
    expect(bundled.template).toContain("Bundled escalation.");
    expect(prompts.stats()).toMatchObject({ staleServed: 2, bundledServed: 1, fetchErrors: 2 });

    await telemetry.flush();
    const [span] = memory.getFinishedSpans().filter((finished) => finished.name === "invoke_agent triage");
    const events = span!.events.filter((event) => event.name === promptFallbackEvent.name);
    expect(events.map((event) => event.attributes)).toEqual([
      expect.objectContaining({
        "gantry.prompt.id": "triage",
        "gantry.prompt.version": "1.0.0",
        "gantry.prompt.source": "stale-cache",
        [promptFallbackEvent.reasonKey]: "unreachable",
        [promptFallbackEvent.errorKey]: expect.stringMatching(/not open|closed|destroyed/i),
      }),
      expect.objectContaining({
        "gantry.prompt.id": "escalate",
        "gantry.prompt.source": "bundled",
        [promptFallbackEvent.reasonKey]: "unreachable",
      }),
    ]);
  });

  it("outside any span, records a fallback on a span of its own when given telemetry", async () => {
    bundle(promptSource({ version: "0.9.0" }));
    const memory = new InMemorySpanExporter();
    telemetry = createTelemetry({ serviceName: "prompt-client-test", exporters: { memory } });
    await client({ telemetry }).getPrompt("triage");
    await telemetry.flush();
    const spans = memory.getFinishedSpans();
    expect(spans.map((span) => span.name)).toEqual(["prompt_fallback triage"]);
    expect(spans[0]!.events[0]?.attributes?.[promptFallbackEvent.reasonKey]).toBe("not-registered");
  });

  it("stops serving a cached copy older than maxStaleMs and fails when nothing can stand in", async () => {
    await released();
    const prompts = client({ maxStaleMs: 10 * ttlMs });
    await prompts.getPrompt("triage");
    await store.close();
    clock.advance(10 * ttlMs + 1);
    const error = await rejectionOf(prompts.getPrompt("triage"));
    expect(error).toMatchObject({
      code: "PROMPT_UNAVAILABLE",
      domain: "PROMPT",
      details: { prompt: "triage" },
    });
    expect(error.message).toContain('Prompt "triage" (label production) is unavailable');
    expect(error.message).toContain("no bundled copy");

    // With the file shipped, the same situation serves it, and later calls serve it without waiting.
    bundle(promptSource({ version: "1.0.0" }));
    expect(await prompts.getPrompt("triage")).toMatchObject({
      servedFrom: "bundled",
      fallbackReason: "unreachable",
    });
    const errorsSoFar = prompts.stats().fetchErrors;
    expect(await prompts.getPrompt("triage")).toMatchObject({ servedFrom: "bundled" });
    expect(prompts.stats().fetchErrors).toBe(errorsSoFar);
  });
});
