import type { LanguageModelV3CallOptions } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/index.js";
import { createSimProvider } from "../../src/models/index.js";
import { callOptions, functionTool, readParts, recordingSleep } from "./sim-test-helpers.js";

const tools = [
  functionTool("lookup_order", "Look up an order by id", { orderId: { type: "string" } }),
  functionTool("search_docs", "Search help articles", { query: { type: "string" } }),
];

const questions = [
  "hello",
  "Where is order Z-9?",
  "refund please",
  "What can you do?",
  "random musing about cats",
];

// Fifty calls mixing generate and stream, tools and plain prompts, with heavy-tailed latency and all
// fault kinds on; everything observable (content, usage, ids, metadata, errors, waits) is recorded.
async function transcript(seed: number): Promise<string> {
  const { sleep, waits } = recordingSleep();
  const provider = createSimProvider({
    seed,
    sleep,
    clock: new ManualClock(),
    latency: { kind: "lognormal", medianMs: 300, p95Ms: 1500 },
    faults: { rateLimit: 0.05, serverError: 0.05, timeout: 0.05, cutStream: 0.05, malformedChunk: 0.05 },
  });
  const model = provider("default@2026-06");
  const records: unknown[] = [];
  for (let call = 0; call < 50; call++) {
    const options: LanguageModelV3CallOptions = callOptions(questions[call % questions.length]!, {
      tools: call % 2 === 0 ? tools : undefined,
    });
    try {
      if (call % 3 === 0) {
        const { stream } = await model.doStream(options);
        const { parts, error } = await readParts(stream);
        records.push({ parts, error: error === undefined ? null : String(error) });
      } else {
        const result = await model.doGenerate(options);
        records.push({
          content: result.content,
          usage: result.usage,
          response: result.response,
          meta: result.providerMetadata,
        });
      }
    } catch (error) {
      records.push({ thrown: String(error) });
    }
  }
  return JSON.stringify({ records, waits });
}

describe("sim determinism", () => {
  it("gives byte-identical outputs, latencies and faults for the same seed over 50 calls", async () => {
    const first = await transcript(1234);
    const second = await transcript(1234);
    expect(second).toBe(first);
    // The transcript is rich enough to mean something: faults and tool calls both occurred.
    expect(first).toContain("injected fault");
    expect(first).toContain("tool-call");
  });

  it("gives different outputs for a different seed", async () => {
    expect(await transcript(1235)).not.toBe(await transcript(1234));
  });

  it("does not depend on the order in which different prompts arrive", async () => {
    const run = async (order: string[]) => {
      const model = createSimProvider({ seed: 8, clock: new ManualClock() })("default@2026-06");
      const results = await Promise.all(order.map((text) => model.doGenerate(callOptions(text))));
      return Object.fromEntries(order.map((text, index) => [text, JSON.stringify(results[index])]));
    };
    expect(await run(["a b c", "hello", "refund please"])).toEqual(
      await run(["refund please", "a b c", "hello"]),
    );
  });

  it("gives a repeated prompt fresh draws each time, and a call-level seed overrides the model's", async () => {
    const model = createSimProvider({ seed: 8, faults: { serverError: 0.5 } })("default");
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        model.doGenerate(callOptions("same")).then(
          () => "ok",
          () => "error",
        ),
      ),
    );
    expect(new Set(outcomes)).toEqual(new Set(["ok", "error"]));
    const a = await createSimProvider({ seed: 1 })("default").doGenerate(callOptions("x", { seed: 99 }));
    const b = await createSimProvider({ seed: 2 })("default").doGenerate(callOptions("x", { seed: 99 }));
    expect(b.providerMetadata).toEqual(a.providerMetadata);
  });
});
