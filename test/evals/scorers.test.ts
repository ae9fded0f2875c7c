import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildScorers,
  buildSuiteScorers,
  levenshteinDistance,
  levenshteinSimilarity,
  type Scorer,
  type ScorerSpec,
} from "../../src/evals/index.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";
import { caseOutput, scorerContext } from "./support/scorer-context.js";

const root = process.cwd();

async function one(spec: ScorerSpec): Promise<Scorer> {
  const [scorer] = await buildScorers([spec], { root });
  return scorer!;
}

async function score(spec: ScorerSpec, ...context: Parameters<typeof scorerContext>) {
  const [result] = await (await one(spec)).score(scorerContext(...context));
  return result!;
}

describe("equals", () => {
  it("compares the field at a path with the case's expected at the same path", async () => {
    const spec = { type: "equals", path: "category" };
    expect(
      await score(spec, { category: "refund", confidence: 0.9 }, { expected: { category: "refund" } }),
    ).toMatchObject({
      scorer: "equals",
      value: 1,
      passed: true,
    });
    const wrong = await score(spec, { category: "shipping" }, { expected: { category: "refund" } });
    expect(wrong).toMatchObject({
      value: 0,
      passed: false,
      reason: 'category is "shipping"; expected "refund"',
    });
  });

  it("reads JSON from a text answer, trims strings, ignores key order and prefers an explicit value", async () => {
    expect(
      (
        await score({ type: "equals" }, caseOutput('```json\n{"b": [1, " x "], "a": 1}\n```'), {
          expected: { a: 1, b: [1, "x"] },
        })
      ).passed,
    ).toBe(true);
    expect(
      (await score({ type: "equals", value: "refund" }, "  refund\n", { expected: "other" })).passed,
    ).toBe(true);
    expect(
      (
        await score(
          { type: "equals", path: "$.items[*].id" },
          { items: [{ id: 1 }, { id: 2 }] },
          { expected: { items: [{ id: 1 }, { id: 2 }] } },
        )
      ).passed,
    ).toBe(true);
  });

  it("fails, saying why, when there is nothing to compare with or the field is missing", async () => {
    expect((await score({ type: "equals" }, "x")).reason).toContain("has no expected");
    expect(
      (await score({ type: "equals", path: "category" }, { other: 1 }, { expected: { category: "refund" } }))
        .reason,
    ).toContain("category is missing from the output");
  });
});

describe("text scorers", () => {
  it("contains is case-insensitive unless asked", async () => {
    expect((await score({ type: "contains", value: "REFUND" }, "Your refund is on its way")).passed).toBe(
      true,
    );
    expect(
      (await score({ type: "contains", value: "REFUND", caseSensitive: true }, "Your refund is on its way"))
        .passed,
    ).toBe(false);
  });

  it("regex matches the text and gives the same answer on every trial", async () => {
    const scorer = await one({ type: "regex", pattern: "A-\\d{4}", flags: "i" });
    for (let trial = 0; trial < 3; trial += 1) {
      const [result] = await scorer.score(scorerContext("order a-1001 is late"));
      expect(result).toMatchObject({ passed: true, reason: '/A-\\d{4}/ matches "a-1001"' });
    }
    expect((await scorer.score(scorerContext("no order")))[0]!.passed).toBe(false);
  });

  it("negate inverts a check (promptfoo's not-contains)", async () => {
    const result = await score(
      { type: "contains", value: "policy", negate: true },
      "Our policy says 90 days",
    );
    expect(result).toMatchObject({ value: 0, passed: false });
    expect(
      (await score({ type: "contains", value: "policy", negate: true }, "Refunds take 5 days")).passed,
    ).toBe(true);
  });

  it("levenshtein similarity: 1 − distance / longer length, threshold 0.8 by default", async () => {
    expect(levenshteinDistance("kitten", "sitting")).toBe(3);
    expect(levenshteinSimilarity("", "")).toBe(1);
    expect(levenshteinSimilarity("kitten", "sitting")).toBeCloseTo(1 - 3 / 7);
    const close = await score({ type: "levenshtein" }, "Your refund is on it's way.", {
      expected: "Your refund is on its way.",
    });
    expect(close.value).toBeGreaterThan(0.9);
    expect(close.passed).toBe(true);
    const far = await score({ type: "levenshtein", value: "completely different" }, "refund");
    expect(far.passed).toBe(false);
    expect((await one({ type: "levenshtein" })).threshold).toBe(0.8);
    const withinTwo = await score({ type: "levenshtein", value: "refund", maxDistance: 2 }, "refunds!");
    expect(withinTwo).toMatchObject({ passed: true, reason: expect.stringContaining("distance 2 ≤ 2") });
    expect((await score({ type: "levenshtein", value: "refund", maxDistance: 1 }, "refunds!")).passed).toBe(
      false,
    );
  });
});

describe("JSON scorers", () => {
  const schema = {
    type: "object",
    required: ["category", "confidence"],
    additionalProperties: false,
    properties: {
      category: { type: "string", enum: ["refund", "shipping"] },
      confidence: { type: "number", minimum: 0, maximum: 1 },
      items: { type: "array", items: { type: "string", pattern: "^A-" } },
    },
  };

  it("is-json accepts parsed JSON and JSON text (fenced or not), rejects prose", async () => {
    expect((await score({ type: "is-json" }, { a: 1 })).passed).toBe(true);
    expect((await score({ type: "is-json" }, "```json\n[1, 2]\n```")).passed).toBe(true);
    expect((await score({ type: "is-json" }, "Sure! Here it is: {")).passed).toBe(false);
  });

  it("json-schema names the failing fields", async () => {
    expect(
      (await score({ type: "json-schema", schema }, { category: "refund", confidence: 0.9, items: ["A-1"] }))
        .passed,
    ).toBe(true);
    const bad = await score(
      { type: "json-schema", schema },
      { category: "lost", confidence: 2, items: ["B-1"], extra: true },
    );
    expect(bad.passed).toBe(false);
    expect(bad.reason).toContain("$.category");
    expect(bad.reason).toContain("$.confidence");
    expect(bad.reason).toMatch(/and \d+ more/);
  });
});

describe("agent scorers", () => {
  const calls = caseOutput("Refunded.", {
    toolCalls: [
      { name: "lookup_order", args: { orderId: "A-1001" } },
      { name: "search_docs", args: { query: "refund window" } },
      { name: "issue_refund", args: { orderId: "A-1001", amountUsd: 129, note: "customer asked" } },
    ],
  });

  it("tool-called matches a subset of the arguments, /regex/ strings included, and counts", async () => {
    expect(
      (
        await score(
          { type: "tool-called", tool: "issue_refund", args: { orderId: "/^A-\\d+$/", amountUsd: 129 } },
          calls,
        )
      ).passed,
    ).toBe(true);
    const wrongArgs = await score(
      { type: "tool-called", tool: "issue_refund", args: { amountUsd: 500 } },
      calls,
    );
    expect(wrongArgs.passed).toBe(false);
    expect(wrongArgs.reason).toContain("other arguments");
    expect((await score({ type: "tool-called", tool: "lookup_order", times: 2 }, calls)).passed).toBe(false);
    expect(
      (
        await score(
          { type: "tool-called", tool: "lookup_order" },
          caseOutput("x", { toolCalls: [{ name: "lookup_order", args: '{"orderId":"A-1"}' }] }),
        )
      ).passed,
    ).toBe(true);
  });

  it("trajectory modes: exact, ordered (gaps allowed), unordered (same multiset), subset", async () => {
    const check = async (mode: string, tools: string[]) =>
      (await score({ type: "trajectory", mode, tools }, calls)).passed;
    expect(await check("exact", ["lookup_order", "search_docs", "issue_refund"])).toBe(true);
    expect(await check("exact", ["lookup_order", "issue_refund"])).toBe(false);
    expect(await check("ordered", ["lookup_order", "issue_refund"])).toBe(true);
    expect(await check("ordered", ["issue_refund", "lookup_order"])).toBe(false);
    expect(await check("unordered", ["issue_refund", "search_docs", "lookup_order"])).toBe(true);
    expect(await check("unordered", ["issue_refund", "lookup_order"])).toBe(false);
    expect(await check("subset", ["issue_refund", "lookup_order"])).toBe(true);
    expect(await check("subset", ["lookup_order", "lookup_order"])).toBe(false);
    expect((await one({ type: "trajectory", tools: ["a"] })).type).toBe("trajectory");
  });

  it("cost, latency and finish reason; an unknown cost fails rather than passing as 0", async () => {
    expect((await score({ type: "cost", maxUsd: 0.0001 }, caseOutput("x", { costMicros: 100 }))).passed).toBe(
      true,
    );
    expect((await score({ type: "cost", maxUsd: 0.0001 }, caseOutput("x", { costMicros: 101 }))).passed).toBe(
      false,
    );
    expect(
      (await score({ type: "cost", maxUsd: 1 }, caseOutput("x", { costMicros: null }))).reason,
    ).toContain("cost unknown");
    expect((await score({ type: "latency", maxMs: 250 }, caseOutput("x", { latencyMs: 250 }))).passed).toBe(
      true,
    );
    expect((await score({ type: "latency", maxMs: 249 }, caseOutput("x", { latencyMs: 250 }))).passed).toBe(
      false,
    );
    expect((await score({ type: "finish-reason", equals: "stop" }, caseOutput("x"))).passed).toBe(true);
    expect(
      (
        await score(
          { type: "finish-reason", oneOf: ["stop", "tool-calls"] },
          caseOutput("x", { finishReason: "length" }),
        )
      ).passed,
    ).toBe(false);
  });
});

describe("javascript", () => {
  it("takes promptfoo's forms: an expression, statements ending in an expression, a function body", async () => {
    expect(
      (await score({ type: "javascript", expression: "output.includes('refund')" }, "refund sent")).passed,
    ).toBe(true);
    expect(
      (await score({ type: "javascript", expression: "const n = output.length; n < 5" }, "refund sent"))
        .passed,
    ).toBe(false);
    expect(
      (await score({ type: "javascript", expression: "const s = 'a;b'; s === 'a;b'" }, "x")).passed,
    ).toBe(true);
    const body =
      "if (!context.vars.name) return false;\nreturn { pass: output.includes(context.vars.name), score: 0.7, reason: 'named' };";
    expect(
      await score({ type: "javascript", expression: body }, "Hi Ada", { vars: { name: "Ada" } }),
    ).toMatchObject({
      value: 0.7,
      passed: true,
      reason: "named",
    });
  });

  it("sees expected and input, and reads numbers as scores (> 0 passes without a threshold)", async () => {
    expect(
      (
        await score(
          { type: "javascript", expression: "output.category === expected.category" },
          { category: "refund" },
          { expected: { category: "refund" } },
        )
      ).passed,
    ).toBe(true);
    expect(
      (await score({ type: "javascript", expression: "input.length / 100" }, "x", { input: "abc" })).passed,
    ).toBe(true);
    expect(await score({ type: "javascript", expression: "0.4", threshold: 0.5 }, "x")).toMatchObject({
      value: 0.4,
      passed: false,
    });
    expect((await score({ type: "javascript", expression: "await Promise.resolve(true)" }, "x")).passed).toBe(
      true,
    );
  });

  it("a throwing or ill-typed expression fails with the reason; one that does not compile is rejected at build", async () => {
    const thrown = await score({ type: "javascript", expression: "output.nope.deeper" }, "x");
    expect(thrown.passed).toBe(false);
    expect(thrown.inconclusive).toBeUndefined();
    expect(thrown.reason).toContain("the javascript check threw");
    expect((await score({ type: "javascript", expression: "'yes'" }, "x")).reason).toContain(
      "must return a boolean",
    );
    await expect(
      buildScorers([{ type: "javascript", expression: "output.includes(" }], { root }),
    ).rejects.toThrow(/scorers\[0\]\.expression: does not compile/);
  });
});

describe("custom", () => {
  const workspace = temporaryWorkspace();
  mkdirSync(join(workspace, "scorers"), { recursive: true });
  writeFileSync(
    join(workspace, "scorers", "politeness.ts"),
    `import type { CustomScorerFunction } from "gantry";
const polite: CustomScorerFunction = ({ output, params }) => {
  const text = String(output.text);
  const words = (params.words as string[]) ?? ["please"];
  const found = words.filter((word) => text.toLowerCase().includes(word));
  return { score: found.length / words.length, reason: \`found \${found.join(", ") || "none"}\` };
};
export default polite;
export const always = () => true;
`,
  );

  it("loads a TypeScript module from the workspace and passes it the spec's params", async () => {
    const [built] = await buildScorers(
      [
        {
          type: "custom",
          module: "scorers/politeness.ts",
          params: { words: ["please", "thanks"] },
          threshold: 0.5,
        },
      ],
      { root: workspace },
    );
    const [result] = await built!.score(scorerContext("Thanks for waiting!"));
    expect(result).toMatchObject({ value: 0.5, passed: true, reason: "found thanks" });
    const [named] = await buildScorers(
      [{ type: "custom", module: "scorers/politeness.ts", export: "always" }],
      { root: workspace },
    );
    expect((await named!.score(scorerContext("x")))[0]!.passed).toBe(true);
  });

  it("names the module when it is missing, outside the workspace or exports no function", async () => {
    await expect(
      buildScorers([{ type: "custom", module: "scorers/missing.ts" }], { root: workspace }),
    ).rejects.toMatchObject({
      code: "EVAL_SCORER_INVALID",
      message: expect.stringContaining("scorers/missing.ts: could not be loaded"),
    });
    await expect(
      buildScorers([{ type: "custom", module: "../elsewhere.ts" }], { root: workspace }),
    ).rejects.toThrow(/inside the workspace/);
    await expect(
      buildScorers([{ type: "custom", module: "scorers/politeness.ts", export: "nothing" }], {
        root: workspace,
      }),
    ).rejects.toThrow(/exports no function named nothing/);
  });
});

describe("buildScorers", () => {
  it("lists every bad spec by index and field", async () => {
    const error = (await buildScorers(
      [
        { type: "contains" },
        { type: "regex", pattern: "ok", flags: "g" },
        { type: "cosine" },
        { type: "cost", maxUsd: 1, maxUSD: 2 },
        { type: "finish-reason" },
        { type: "tool-called", tool: "x", args: { id: "/(/" } },
        { type: "llm-rubric", dimensions: ["Faithfulness"], choices: { only: 1 } },
        { type: "json-schema", schema: { $ref: "https://example.com/order.json" } },
      ],
      { root, where: "suite triage" },
    ).catch((caught: unknown) => caught)) as { code: string; message: string; domain: string };
    expect(error.code).toBe("EVAL_SCORER_INVALID");
    expect(error.domain).toBe("EVAL");
    for (const line of [
      "Invalid scorers in suite triage:",
      "scorers[0].value:",
      "scorers[1].flags: regex flags among",
      'scorers[2].type: unknown type "cosine"; expected one of equals, contains',
      "scorers[3].maxUSD: unknown parameter of a cost scorer",
      "scorers[4]: exactly one of equals or oneOf",
      "scorers[5].args.id: an invalid regular expression",
      "scorers[6].dimensions.0: a dimension name in snake_case",
      "scorers[6].choices: at least two labels",
      "scorers[7].schema: is not a JSON Schema this scorer supports: External $ref is not supported",
    ]) {
      expect(error.message).toContain(line);
    }
  });

  it("names unnamed scorers after their type, numbering repeats, and rejects a repeated name", async () => {
    const scorers = await buildScorers(
      [
        { type: "contains", value: "a" },
        { type: "contains", value: "b" },
        { type: "is-json", name: "json" },
      ],
      { root },
    );
    expect(scorers.map((scorer) => [scorer.name, scorer.threshold])).toEqual([
      ["contains", 1],
      ["contains-2", 1],
      ["json", 1],
    ]);
    await expect(
      buildScorers(
        [
          { type: "is-json", name: "x" },
          { type: "contains", value: "a", name: "x" },
        ],
        { root },
      ),
    ).rejects.toThrow(/scorers\[1\]\.name: "x" is already used/);
  });

  it("builds each case's own scorers after the suite's, without name clashes", async () => {
    const cases = [
      {
        id: "a",
        input: "x",
        tags: [],
        source: "manual" as const,
        scorers: [{ type: "contains", value: "refund" }],
      },
      { id: "b", input: "y", tags: [], source: "manual" as const },
    ];
    const built = await buildSuiteScorers([{ type: "contains", value: "order" }], cases, { root });
    expect(built.scorers.map((scorer) => scorer.name)).toEqual(["contains"]);
    expect(built.scorersFor({ id: "a" }).map((scorer) => scorer.name)).toEqual(["contains-2"]);
    expect(built.scorersFor({ id: "b" })).toEqual([]);
    await expect(
      buildSuiteScorers([], [{ ...cases[0]!, scorers: [{ type: "regex" }] }], { root }),
    ).rejects.toThrow(/Invalid scorer in case a:\n {2}scorers\[0\]\.pattern/);
  });
});
