import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildSuiteScorers, importPromptfooConfig, mapPromptfooProvider } from "../../src/evals/index.js";
import { catchGantryError } from "../support/catch-gantry-error.js";
import { caseOutput, scriptedJudge } from "./support/scorer-context.js";

const fixture = join(import.meta.dirname, "..", "fixtures", "promptfoo", "promptfooconfig.yaml");
const source = readFileSync(fixture, "utf8");

describe("importPromptfooConfig (the fixture)", () => {
  const imported = importPromptfooConfig(source, fixture);

  it("makes one suite per prompt × provider, each on the provider's model", () => {
    expect(imported.suites.map(({ suite }) => [suite.name, suite.target])).toEqual([
      ["support-desk-answers-prompt-1-openai-gpt-4o-mini", { kind: "model", model: "openai:gpt-4o-mini" }],
      ["support-desk-answers-prompt-1-haiku", { kind: "model", model: "anthropic:claude-3-5-haiku-latest" }],
      ["support-desk-answers-triage-1-openai-gpt-4o-mini", { kind: "model", model: "openai:gpt-4o-mini" }],
      ["support-desk-answers-triage-1-haiku", { kind: "model", model: "anthropic:claude-3-5-haiku-latest" }],
      ["support-desk-answers-triage-2-openai-gpt-4o-mini", { kind: "model", model: "openai:gpt-4o-mini" }],
      ["support-desk-answers-triage-2-haiku", { kind: "model", model: "anthropic:claude-3-5-haiku-latest" }],
      [
        "support-desk-answers-chat-openai-gpt-4o-mini",
        { kind: "model", model: "openai:gpt-4o-mini", system: "You are a concise support agent." },
      ],
      [
        "support-desk-answers-chat-haiku",
        {
          kind: "model",
          model: "anthropic:claude-3-5-haiku-latest",
          system: "You are a concise support agent.",
        },
      ],
    ]);
    expect(imported.notes).toContain(
      "provider anthropic:messages:claude-3-5-haiku-latest: its config (temperature) is not imported; set model options in gantry.config.ts",
    );
  });

  it("turns tests into cases with the prompt rendered into the input; list variables make one case each", () => {
    const [first] = imported.suites;
    const cases = first!.dataset.cases;
    expect(cases.map((testCase) => [testCase.id, testCase.input])).toEqual([
      ["refund-window", "Reply to the customer Ada about: Can I return the grinder after 20 days?"],
      ["order-status-as-json", "Reply to the customer Ada about: Where is order A-1001? Answer as JSON."],
      ["test-3", "Reply to the customer Ada about: Hello"],
      ["test-4", "Reply to the customer Ada about: Thanks!"],
    ]);
    expect(cases[0]!.vars).toEqual({ name: "Ada", question: "Can I return the grinder after 20 days?" });
    const fromFile = imported.suites[2]!.dataset.cases[0]!;
    expect(fromFile.input).toBe(
      "You are the support desk of Acme. Customer: Ada.\nQuestion: Can I return the grinder after 20 days?",
    );
    expect(imported.suites[4]!.dataset.cases[0]!.input).toBe(
      "Answer Ada in one sentence: Can I return the grinder after 20 days?",
    );
    expect(imported.suites[6]!.dataset.cases[0]!.input).toBe(
      "Ada asks: Can I return the grinder after 20 days?",
    );
    expect(first!.dataset.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(first!.suite.thresholds.passRate).toBe(1);
  });

  it("maps every assert type: defaultTest asserts to suite scorers, templated ones and test asserts to the case", () => {
    const [first] = imported.suites;
    expect(first!.suite.scorers).toEqual([
      { type: "contains", value: "as an AI", caseSensitive: false, negate: true },
      { type: "javascript", expression: "output.length < 500" },
    ]);
    const [refund, json, hello, thanks] = first!.dataset.cases;
    const greeting = { type: "contains", value: "Ada", caseSensitive: false };
    expect(refund!.scorers).toEqual([
      greeting,
      { type: "contains", value: "30 days", caseSensitive: true },
      { type: "llm-rubric", rubric: "Does not invent a refund policy", threshold: 0.75 },
    ]);
    expect(json!.scorers).toEqual([
      greeting,
      { type: "is-json" },
      {
        type: "json-schema",
        schema: { type: "object", required: ["status"], properties: { status: { type: "string" } } },
      },
      { type: "equals", value: { status: "delivered" } },
      { type: "regex", pattern: "A-\\d{4}" },
    ]);
    expect(hello!.scorers![1]).toEqual({ type: "equals", value: "Hello Ada, how can I help?" });
    expect(hello!.scorers![2]).toEqual({
      type: "levenshtein",
      value: "Hello Ada, how can I help you?",
      maxDistance: 5,
    });
    expect(thanks!.scorers![3]).toMatchObject({
      type: "javascript",
      expression: expect.stringContaining("return { pass: words < 20"),
    });
  });

  it("builds and runs the imported scorers", async () => {
    const [first] = imported.suites;
    const { dataset, suite } = first!;
    const built = await buildSuiteScorers(suite.scorers, dataset.cases, { root: join(fixture, "..") });
    const scoreCase = async (index: number, answer: string) => {
      const testCase = dataset.cases[index]!;
      const judge = scriptedJudge(() => ({ completeness: { reason: "ok", choice: "fully" } }));
      const results = [];
      for (const scorer of [...built.scorers, ...built.scorersFor(testCase)]) {
        results.push(...(await scorer.score({ testCase, output: caseOutput(answer), judge })));
      }
      return results.filter((result) => !result.passed).map((result) => result.scorer);
    };
    expect(await scoreCase(0, "Hi Ada, returns are possible within 30 days of delivery.")).toEqual([]);
    expect(await scoreCase(0, "As an AI I cannot say, Ada.")).toEqual(["contains", "contains-3"]);
    expect(await scoreCase(1, '{"status": "delivered"}')).toEqual(["contains-2", "regex"]);
    expect(await scoreCase(2, "Hello Ada, how can I help?")).toEqual([]);
    expect(await scoreCase(3, `Ada ${"word ".repeat(30)}`)).toEqual([
      "equals",
      "levenshtein",
      "javascript-2",
    ]);
  });
});

describe("importPromptfooConfig (what it refuses)", () => {
  const base = "prompts: ['Q: {{q}}']\nproviders: [openai:gpt-4o-mini]\n";

  it("names the file:line of an assert it cannot map, and lists what is supported", () => {
    const error = catchGantryError(() =>
      importPromptfooConfig(
        `${base}tests:\n  - vars: { q: x }\n    assert:\n      - type: similar\n        value: hello\n      - type: contains\n        value: x\n        transform: output.trim()\n`,
        "promptfooconfig.yaml",
      ),
    );
    expect(error.code).toBe("EVAL_PROMPTFOO_UNSUPPORTED");
    expect(error.message).toContain(
      "promptfooconfig.yaml:6  tests.0.assert.0: assert type similar is not imported; supported: equals, contains",
    );
    expect(error.message).toContain(
      "promptfooconfig.yaml:8  tests.0.assert.1: assert field transform is not imported",
    );
  });

  it("refuses templates beyond {{ variable }}, output-changing options and negated judges", () => {
    const filter = catchGantryError(() =>
      importPromptfooConfig(
        "prompts: ['Q: {{ q | upper }}']\nproviders: [openai:gpt-4o-mini]\ntests: [{ vars: { q: x } }]\n",
        "p.yaml",
      ),
    );
    expect(filter.message).toContain("p.yaml:1  prompts.0: prompt prompts[0] uses {{ q | upper }}");
    const option = catchGantryError(() =>
      importPromptfooConfig(
        `${base}tests:\n  - vars: { q: x }\n    options: { transform: "output.trim()" }\n`,
        "p.yaml",
      ),
    );
    expect(option.message).toContain(
      "p.yaml:5  tests.0.options.transform: options.transform is not imported",
    );
    const judge = catchGantryError(() =>
      importPromptfooConfig(
        `${base}tests:\n  - assert: [{ type: not-llm-rubric, value: polite }]\n`,
        "p.yaml",
      ),
    );
    expect(judge.message).toContain("only deterministic content asserts can be negated");
  });

  it("reports a config of the wrong shape as invalid, with lines", () => {
    const error = catchGantryError(() => importPromptfooConfig("prompts: []\ntests: []\n", "p.yaml"));
    expect(error.code).toBe("EVAL_PROMPTFOO_INVALID");
    expect(error.message).toContain("p.yaml:1  prompts: at least one prompt");
    expect(error.message).toContain("providers: missing; a provider id such as openai:gpt-4o-mini");
  });

  it("reads tests from a file:// YAML list and keeps a single prompt × provider suite's name", () => {
    const files: Record<string, string> = {
      "tests.yaml":
        "- description: Greets\n  vars: { q: hi }\n  assert: [{ type: icontains, value: hello }]\n",
    };
    const imported = importPromptfooConfig(
      `${base}tests: file://tests.yaml\n`,
      "/work/acme-bot/promptfooconfig.yaml",
      {
        readText: (file) => files[file] ?? "",
      },
    );
    expect(imported.suites).toHaveLength(1);
    expect(imported.suites[0]!.suite.name).toBe("acme-bot");
    expect(imported.suites[0]!.dataset.cases[0]).toMatchObject({
      id: "greets",
      input: "Q: hi",
      scorers: [{ type: "contains", value: "hello", caseSensitive: false }],
    });
    expect(
      importPromptfooConfig(`${base}tests: file://tests.yaml\n`, "x/promptfooconfig.yaml", {
        readText: (file) => files[file] ?? "",
        name: "mine",
      }).suites[0]!.suite.name,
    ).toBe("mine");
  });
});

describe("mapPromptfooProvider", () => {
  it("maps promptfoo's provider ids to Gantry model ids", () => {
    expect(mapPromptfooProvider("openai:gpt-4o-mini")).toBe("openai:gpt-4o-mini");
    expect(mapPromptfooProvider("openai:chat:gpt-4o")).toBe("openai:gpt-4o");
    expect(mapPromptfooProvider("anthropic:messages:claude-3-5-haiku-latest")).toBe(
      "anthropic:claude-3-5-haiku-latest",
    );
    expect(mapPromptfooProvider("ollama:chat:llama3")).toBe("ollama:llama3");
    expect(mapPromptfooProvider("vertex:gemini-pro")).toBe("vertex:gemini-pro");
  });
});
