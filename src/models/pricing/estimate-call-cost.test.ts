import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadTokenCounter } from "../sim/token-counter.js";
import { estimateCallCost } from "./estimate-call-cost.js";
import { loadPriceCatalog } from "./price-catalog.js";

const workspace = mkdtempSync(join(tmpdir(), "gantry-estimate-"));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

// sim:default is priced 1e-7 in / 4e-7 out per token, sim:fast 5e-8 / 2e-7 (bundled, made up).
const catalog = loadPriceCatalog({
  workspaceRoot: workspace,
  prices: {
    overrides: {
      "acme:input-only": { input_cost_per_token: 1e-6 },
      "acme:long": {
        input_cost_per_token: 1e-6,
        output_cost_per_token: 2e-6,
        input_cost_per_token_above_200k_tokens: 3e-6,
      },
      "acme:reasoning": {
        input_cost_per_token: 1e-6,
        output_cost_per_token: 2e-6,
        output_cost_per_reasoning_token: 5e-6,
      },
    },
  },
});

const tokens = (count: number) => () => count;

describe("estimateCallCost", () => {
  it("prices prompt tokens at the input price and every max output token at the output price", () => {
    const micros = estimateCallCost({
      catalog,
      candidates: ["sim:default"],
      promptText: "ignored by the stub counter",
      maxOutputTokens: 500,
      countTokens: tokens(1000),
    });
    expect(micros).toBe(1000 * 0.1 + 500 * 0.4);
  });

  it("takes the dearest candidate, since failover may land on any of them", () => {
    const options = { catalog, promptText: "x", maxOutputTokens: 1000, countTokens: tokens(1000) };
    const fast = estimateCallCost({ ...options, candidates: ["sim:fast"] });
    const both = estimateCallCost({ ...options, candidates: ["sim:fast", "sim:default"] });
    expect(fast).toBe(250);
    expect(both).toBe(500);
  });

  it("rounds up to a whole micro-USD, so the hold is never smaller than the cost", () => {
    // One input token on sim:fast is 0.05 µ$: rounding half up would reserve nothing.
    const micros = estimateCallCost({
      catalog,
      candidates: ["sim:fast"],
      promptText: "a",
      maxOutputTokens: 0,
      countTokens: tokens(1),
    });
    expect(micros).toBe(1);
  });

  it("is null (unknown, never 0) when any candidate or a needed price is missing", () => {
    const options = { catalog, promptText: "x", maxOutputTokens: 10, countTokens: tokens(10) };
    expect(estimateCallCost({ ...options, candidates: ["sim:default", "acme:unpriced"] })).toBeNull();
    expect(estimateCallCost({ ...options, candidates: ["acme:input-only"] })).toBeNull();
    expect(estimateCallCost({ ...options, candidates: ["acme:input-only"], maxOutputTokens: 0 })).toBe(10);
  });

  it("uses the long-context input price past the threshold and the reasoning price when dearer", () => {
    const long = estimateCallCost({
      catalog,
      candidates: ["acme:long"],
      promptText: "x",
      maxOutputTokens: 0,
      countTokens: tokens(250_000),
    });
    expect(long).toBe(250_000 * 3);
    const reasoning = estimateCallCost({
      catalog,
      candidates: ["acme:reasoning"],
      promptText: "x",
      maxOutputTokens: 100,
      countTokens: tokens(0),
    });
    expect(reasoning).toBe(100 * 5);
  });

  it("counts a structured prompt as billed: messages, offered tools and the response schema", async () => {
    const counter = await loadTokenCounter();
    const seen: string[] = [];
    const micros = estimateCallCost({
      catalog,
      candidates: ["sim:default"],
      prompt: [
        { role: "system", content: "You are terse." },
        { role: "user", content: [{ type: "text", text: "Where is my refund?" }] },
      ],
      tools: [
        {
          type: "function",
          name: "lookup_order",
          description: "Finds an order",
          inputSchema: { type: "object", properties: { orderId: { type: "string" } } },
        },
      ],
      maxOutputTokens: 0,
      countTokens: (text) => {
        seen.push(text);
        return counter.count(text);
      },
    });
    expect(seen[0]).toContain("Where is my refund?");
    expect(seen[0]).toContain("lookup_order");
    expect(micros).toBe(Math.ceil(counter.count(seen[0]!) * 0.1));
  });
});
