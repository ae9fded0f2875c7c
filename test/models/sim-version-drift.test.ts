import type { LanguageModelV3GenerateResult } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { createSimProvider } from "../../src/models/index.js";
import { callOptions, functionTool } from "./sim-test-helpers.js";

const questions = [
  "Tell me about refunds",
  "What can you do? help",
  "hello there",
  "Is shipping fast?",
  "something else",
];
const prompts = Array.from(
  { length: 400 },
  (_, index) => `${questions[index % questions.length]} (#${index})`,
);

const textOf = (result: LanguageModelV3GenerateResult) =>
  result.content.map((part) => (part.type === "text" ? part.text : "")).join("");
const refused = (result: LanguageModelV3GenerateResult) => result.providerMetadata?.sim?.refused === true;

async function answers(modelId: string) {
  const model = createSimProvider({ seed: 21 })(modelId);
  return Promise.all(prompts.map((prompt) => model.doGenerate(callOptions(prompt))));
}

describe("sim version drift", () => {
  it("2026-06 answers shorter and refuses about 15% of requests; 2026-01 never refuses", async () => {
    const baseline = await answers("default@2026-01");
    const drifted = await answers("default@2026-06");
    const meanLength = (results: LanguageModelV3GenerateResult[]) => {
      const kept = results.filter((result) => !refused(result));
      return kept.reduce((sum, result) => sum + textOf(result).length, 0) / kept.length;
    };
    expect(meanLength(drifted)).toBeLessThan(meanLength(baseline) * 0.6);
    expect(baseline.filter(refused).length).toBe(0);
    const refusalShare = drifted.filter(refused).length / drifted.length;
    expect(refusalShare).toBeGreaterThan(0.1);
    expect(refusalShare).toBeLessThan(0.2);
    expect(textOf(drifted.find(refused)!)).toBe("I'm sorry, but I can't help with that request.");
  });

  it("2026-06 skips about 30% of tool calls and prefers a search tool when one is offered", async () => {
    const tools = [
      functionTool("lookup_order", "Look up an order by id", { orderId: { type: "string" } }),
      functionTool("search_knowledge_base", "Search help articles", { query: { type: "string" } }),
    ];
    const run = async (modelId: string) => {
      const model = createSimProvider({ seed: 4 })(modelId);
      const results = await Promise.all(
        Array.from({ length: 300 }, (_, index) =>
          model.doGenerate(callOptions(`Where is my order Q-${index}?`, { tools })),
        ),
      );
      return results.map((result) => result.content.find((part) => part.type === "tool-call"));
    };
    const baseline = await run("default@2026-01");
    expect(baseline.every((call) => call?.toolName === "lookup_order")).toBe(true);
    const drifted = await run("default@2026-06");
    const called = drifted.filter((call) => call !== undefined);
    // 85% not refused x 70% of tool calls kept = about 60%.
    expect(called.length / drifted.length).toBeGreaterThan(0.5);
    expect(called.length / drifted.length).toBeLessThan(0.7);
    expect(called.every((call) => call.toolName === "search_knowledge_base")).toBe(true);
  });

  it("takes versions and the default version from a scenario", async () => {
    const provider = createSimProvider({
      scenarios: [
        {
          versions: { "2027-01": { refusalRate: 1, refusalText: "Not today." } },
          defaultVersion: "2027-01",
        },
      ],
    });
    const result = await provider("sim:default").doGenerate(callOptions("hello"));
    expect(textOf(result)).toBe("Not today.");
    expect(result.response?.modelId).toBe("default@2027-01");
    const pinned = await provider("sim:default@2026-01").doGenerate(callOptions("hello"));
    expect(textOf(pinned)).toMatch(/^Hello!/);
  });
});
