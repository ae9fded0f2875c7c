import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hashJson, parseConfig } from "../../src/core/index.js";
import { listSuiteFiles, loadSuite, parseSuiteFile } from "../../src/evals/index.js";
import { specWorld } from "../../src/runtime/index.js";
import { catchGantryError } from "../support/catch-gantry-error.js";
import { temporaryWorkspace } from "../support/temporary-workspace.js";

const suiteText = `suite: refunds
description: Refund answers never invent a policy.
target: { agent: triage }
dataset: datasets/refunds.jsonl
scorers:
  - { type: contains, value: refund }
  - type: llm-rubric
    name: judge
    dimensions: [faithfulness, completeness]
thresholds:
  passRate: 0.9
  scorers: { contains: 1 }
  dimensions: { faithfulness: 0.75 }
  maxRegressions: 0
trials: 3
concurrency: 4
cache: true
judge: { model: anthropic:claude-haiku-4-5 }
`;

describe("parseSuiteFile", () => {
  it("reads every field of the format", () => {
    const suite = parseSuiteFile(suiteText, "evals/refunds.yaml");
    expect(suite).toEqual({
      name: "refunds",
      description: "Refund answers never invent a policy.",
      target: { kind: "agent", agent: "triage" },
      dataset: { file: "datasets/refunds.jsonl" },
      scorers: [
        { type: "contains", value: "refund" },
        { type: "llm-rubric", name: "judge", dimensions: ["faithfulness", "completeness"] },
      ],
      thresholds: {
        passRate: 0.9,
        scorers: { contains: 1 },
        dimensions: { faithfulness: 0.75 },
        maxRegressions: 0,
      },
      trials: 3,
      concurrency: 4,
      cache: true,
      judge: { model: "anthropic:claude-haiku-4-5" },
      file: "evals/refunds.yaml",
    });
  });

  it("defaults: pass rate 1, one trial, concurrency 8, no cache; prompt and model targets", () => {
    const prompt = parseSuiteFile(
      "suite: p\ntarget: { prompt: triage, label: production }\ncases: [{ id: a, input: { ticket: x } }]\nscorers: [{ type: is-json }]\n",
      "p.yaml",
    );
    expect(prompt.target).toEqual({ kind: "prompt", prompt: "triage", label: "production" });
    expect(prompt).toMatchObject({
      trials: 1,
      concurrency: 8,
      cache: false,
      thresholds: { passRate: 1, scorers: {}, dimensions: {} },
    });
    expect(prompt.dataset).toEqual({
      cases: [{ id: "a", input: { ticket: "x" }, tags: [], source: "manual" }],
    });
    const model = parseSuiteFile(
      "suite: m\ntarget: { model: sim:default, system: Be brief. }\ncases: [{ id: a, input: hi }]\nscorers: [{ type: is-json }]\n",
      "m.yaml",
    );
    expect(model.target).toEqual({ kind: "model", model: "sim:default", system: "Be brief." });
  });

  it("still reads the old format: top-level agent and thresholds.pass_rate", () => {
    const suite = parseSuiteFile(
      "suite: triage\nagent: triage\ncases:\n  - id: a\n    input: x\nscorers:\n  - { type: equals, path: category }\nthresholds:\n  pass_rate: 0.9\n",
      "evals/triage.yaml",
    );
    expect(suite.target).toEqual({ kind: "agent", agent: "triage" });
    expect(suite.thresholds.passRate).toBe(0.9);
  });

  it("names file:line, field and expectation for each mistake", () => {
    const error = catchGantryError(() =>
      parseSuiteFile(
        [
          "suite: triage",
          "target: { agent: triage, model: x }",
          "dataset: datasets/x.jsonl",
          "cases: []",
          "scorers:",
          "  - type: contains",
          "    value: refund",
          "  - type: regex",
          "    patern: x",
          "trials: 0",
          "colour: blue",
        ].join("\n"),
        "evals/triage.yaml",
      ),
    );
    expect(error.code).toBe("EVAL_SUITE_INVALID");
    expect(error.domain).toBe("EVAL");
    const lines = error.message.split("\n");
    expect(lines[0]).toBe("Invalid eval suite evals/triage.yaml:");
    expect(error.message).toContain(
      "evals/triage.yaml:2  target: unknown field(s) model of the agent target",
    );
    expect(error.message).toContain(
      "evals/triage.yaml:9  scorers.1.patern: unknown parameter of a regex scorer",
    );
    expect(error.message).toContain("evals/triage.yaml:8  scorers.1.pattern:");
    expect(error.message).toContain("evals/triage.yaml:10  trials:");
    expect(error.message).toContain("evals/triage.yaml:11  colour: unknown field");
    expect(error.hint).toContain("docs/guides/evals.md");
  });

  it("requires a target and exactly one of dataset and cases", () => {
    const error = catchGantryError(() =>
      parseSuiteFile("suite: x\nscorers: [{ type: is-json }]\n", "x.yaml"),
    );
    expect(error.message).toContain("target: missing; a target: { agent }");
    expect(error.message).toContain("cases: missing; give cases: [...] or dataset:");
    const both = catchGantryError(() =>
      parseSuiteFile(
        "suite: x\nagent: a\ntarget: { agent: a }\ndataset: d.jsonl\ncases: []\nscorers: [{ type: is-json }]\n",
        "x.yaml",
      ),
    );
    expect(both.message).toContain("x.yaml:2  agent: both agent and target given");
    expect(both.message).toContain("x.yaml:4  dataset: both dataset and cases given");
  });

  it("rejects thresholds that name no scorer or dimension, and a suite that scores nothing", () => {
    const error = catchGantryError(() =>
      parseSuiteFile(
        [
          "suite: x",
          "target: { agent: a }",
          "cases: [{ id: a, input: x, scorers: [{ type: is-json, name: own }] }]",
          "scorers: [{ type: llm-rubric }]",
          "thresholds:",
          "  scorers: { own: 1, judge: 0.5 }",
          "  dimensions: { completeness: 0.5, faithfulness: 0.5 }",
        ].join("\n"),
        "x.yaml",
      ),
    );
    expect(error.message).toContain(
      "x.yaml:6  thresholds.scorers.judge: no scorer is named judge; the scorers are llm-rubric, own",
    );
    expect(error.message).toContain(
      "x.yaml:7  thresholds.dimensions.faithfulness: no llm-rubric scorer grades faithfulness; graded: completeness",
    );
    expect(error.message).not.toContain("thresholds.scorers.own");
    const nothing = catchGantryError(() =>
      parseSuiteFile("suite: x\ntarget: { agent: a }\ncases: [{ id: a, input: x }]\n", "x.yaml"),
    );
    expect(nothing.message).toContain("scorers: no scorers");
  });

  it("reports YAML syntax errors with their line", () => {
    const error = catchGantryError(() => parseSuiteFile("suite: x\ntarget: { agent: a\n", "x.yaml"));
    expect(error.message).toMatch(/x\.yaml:\d+ {2}/);
  });
});

describe("loadSuite", () => {
  const root = temporaryWorkspace();
  mkdirSync(join(root, "evals"));
  mkdirSync(join(root, "datasets"));
  writeFileSync(join(root, "evals", "refunds.yaml"), suiteText);
  writeFileSync(
    join(root, "datasets", "refunds.jsonl"),
    '{"id":"r1","input":"Refund please","expected":"refund"}\n{"id":"r2","input":"Money back?"}\n',
  );
  writeFileSync(
    join(root, "evals", "inline.yml"),
    "suite: inline\ntarget: { agent: a }\ncases: [{ id: a, input: x }]\nscorers: [{ type: is-json }]\n",
  );
  writeFileSync(join(root, "evals", "labels.yaml"), "items: []\n");
  writeFileSync(
    join(root, "evals", "missing.yaml"),
    "suite: missing\ntarget: { agent: a }\ndataset: datasets/nope.jsonl\nscorers: [{ type: is-json }]\n",
  );
  writeFileSync(
    join(root, "evals", "mismatch.yaml"),
    "suite: mismatch\ntarget: { agent: a }\ndataset: datasets/refunds.jsonl\nscorers: [{ type: is-json }]\nthresholds:\n  scorers: { contains: 1 }\n",
  );

  it("finds a suite by name and reads its dataset file (relative to the workspace)", async () => {
    const loaded = await loadSuite(root, "refunds");
    expect(loaded.file).toBe(join(root, "evals", "refunds.yaml"));
    expect(loaded.suite.name).toBe("refunds");
    expect(loaded.dataset.name).toBe("refunds");
    expect(loaded.dataset.origin).toBe(join("datasets", "refunds.jsonl"));
    expect(loaded.dataset.cases.map((testCase) => testCase.id)).toEqual(["r1", "r2"]);
    expect(loaded.dataset.hash).toBe(hashJson(loaded.dataset.cases));
  });

  it("takes a path too, and a .yml suite with inline cases (the dataset named after the suite)", async () => {
    const loaded = await loadSuite(root, "evals/inline.yml");
    expect(loaded.dataset).toMatchObject({ name: "inline", origin: join("evals", "inline.yml") });
    expect((await loadSuite(root, "inline")).suite.name).toBe("inline");
  });

  it("says which suites exist when the name is unknown, and where a missing dataset was looked for", async () => {
    const unknown = (await loadSuite(root, "refundz").catch((error: unknown) => error)) as {
      code: string;
      hint: string;
    };
    expect(unknown.code).toBe("EVAL_SUITE_NOT_FOUND");
    expect(unknown.hint).toContain("evals/inline.yml");
    expect(unknown.hint).not.toContain("labels.yaml");
    await expect(loadSuite(root, "missing")).rejects.toMatchObject({
      code: "EVAL_DATASET_NOT_FOUND",
      message: expect.stringContaining("evals/missing.yaml:3  dataset: datasets/nope.jsonl does not exist"),
    });
  });

  it("checks thresholds against the dataset file's cases", async () => {
    await expect(loadSuite(root, "mismatch")).rejects.toMatchObject({
      code: "EVAL_SUITE_INVALID",
      message: expect.stringContaining(
        "evals/mismatch.yaml:6  thresholds.scorers.contains: no scorer is named contains",
      ),
    });
  });

  it("lists only files that declare a suite", async () => {
    const files = await listSuiteFiles(root);
    expect(files.map((file) => file.slice(root.length + 1))).toEqual([
      join("evals", "inline.yml"),
      join("evals", "mismatch.yaml"),
      join("evals", "missing.yaml"),
      join("evals", "refunds.yaml"),
    ]);
  });

  it("gives `gantry spec check` the ids of cases in a suite's dataset file as well as inline ones", async () => {
    const world = await specWorld({ root, configFile: undefined, config: parseConfig({}) });
    expect([...world.evalCases].sort()).toEqual([
      "inline#a",
      "mismatch#r1",
      "mismatch#r2",
      "refunds#r1",
      "refunds#r2",
    ]);
  });
});
