import { describe, expect, it } from "vitest";
import { hashJson } from "../../src/core/index.js";
import { datasetOf, exportDataset, parseDatasetFile } from "../../src/evals/index.js";
import { catchGantryError } from "../support/catch-gantry-error.js";

const jsonl = [
  '{"id":"refund-basic","input":{"ticket":"I was charged twice"},"expected":{"category":"refund"},"tags":["refund"]}',
  "",
  '{"id":"invented-policy","input":"Can I return it after 90 days?","rubric":"Must not invent a return window","failureClass":"invented-policy","source":"prod_replay","riskTier":"high","traceId":"trace-1"}',
].join("\n");

describe("parseDatasetFile", () => {
  it("reads JSONL, one case per line, with defaults for tags and source", () => {
    const dataset = parseDatasetFile(jsonl, "datasets/refunds.jsonl");
    expect(dataset.name).toBe("refunds");
    expect(dataset.origin).toBe("datasets/refunds.jsonl");
    expect(dataset.cases).toEqual([
      {
        id: "refund-basic",
        input: { ticket: "I was charged twice" },
        expected: { category: "refund" },
        tags: ["refund"],
        source: "manual",
      },
      {
        id: "invented-policy",
        input: "Can I return it after 90 days?",
        rubric: "Must not invent a return window",
        failureClass: "invented-policy",
        source: "prod_replay",
        riskTier: "high",
        traceId: "trace-1",
        tags: [],
      },
    ]);
    expect(dataset.hash).toBe(hashJson(dataset.cases));
  });

  it("reads YAML as a list or as { cases: [...] }, and both hash like the JSONL", () => {
    const list = parseDatasetFile(
      `- id: refund-basic\n  input: { ticket: "I was charged twice" }\n  expected: { category: refund }\n  tags: [refund]\n`,
      "datasets/a.yaml",
    );
    const wrapped = parseDatasetFile(
      `cases:\n  - id: refund-basic\n    tags: [refund]\n    expected: { category: refund }\n    input: { ticket: "I was charged twice" }\n`,
      "datasets/b.yml",
    );
    const fromJsonl = parseDatasetFile(jsonl.split("\n")[0]!, "datasets/c.jsonl");
    expect(list.hash).toBe(wrapped.hash);
    expect(list.hash).toBe(fromJsonl.hash);
  });

  it("names file:line for a JSONL line that is not JSON and for a field that is wrong", () => {
    const broken = catchGantryError(() =>
      parseDatasetFile(`${jsonl}\n{"id": "x", input`, "datasets/refunds.jsonl"),
    );
    expect(broken.code).toBe("EVAL_DATASET_INVALID");
    expect(broken.domain).toBe("EVAL");
    expect(broken.category).toBe("USER");
    expect(broken.message).toContain("datasets/refunds.jsonl:4  not JSON");
    const wrong = catchGantryError(() =>
      parseDatasetFile(
        '{"id":"a","input":"x"}\n{"id":"b","input":"y","source":"imported","tagz":[]}',
        "d.jsonl",
      ),
    );
    expect(wrong.message).toContain("d.jsonl:2  source:");
    expect(wrong.message).toContain("d.jsonl:2  tagz: unknown field");
    expect(wrong.hint).toContain("unique id");
  });

  it("requires an id and an input, and unique ids (reported at the repeat's line)", () => {
    const missing = catchGantryError(() =>
      parseDatasetFile(
        ["cases:", "  - id: a", "    input: one", "  - input: two"].join("\n"),
        "evals/x.yaml",
      ),
    );
    expect(missing.message).toContain("evals/x.yaml:4  cases.1.id: expected string, got nothing");
    const repeated = catchGantryError(() =>
      parseDatasetFile(
        [
          "cases:",
          "  - id: a",
          "    input: one",
          "  - id: b",
          "    input: two",
          "  - id: a",
          "    input: three",
        ].join("\n"),
        "evals/x.yaml",
      ),
    );
    expect(repeated.message).toContain('evals/x.yaml:6  cases.2.id: "a" is already the id of case 1');
    const noInput = catchGantryError(() => parseDatasetFile('{"id":"a"}', "d.jsonl"));
    expect(noInput.message).toContain("d.jsonl:1  input: missing; the case's input");
  });

  it("validates a case's own scorers where they are written", () => {
    const error = catchGantryError(() =>
      parseDatasetFile(
        ["- id: a", "  input: x", "  scorers:", "    - type: regex", "      pattern: '(unclosed'"].join("\n"),
        "d.yaml",
      ),
    );
    expect(error.message).toMatch(/d\.yaml:5 {2}0\.scorers\.0\.pattern: .*(unterminated|Unterminated)/);
  });

  it("rejects a file that is neither a list nor { cases }", () => {
    const error = catchGantryError(() => parseDatasetFile("name: refunds\n", "d.yaml"));
    expect(error.message).toContain("d.yaml:1");
    expect(error.message).toContain("name: unknown field");
  });
});

describe("exportDataset", () => {
  it("round-trips through JSONL and YAML to the same version", () => {
    const dataset = parseDatasetFile(jsonl, "datasets/refunds.jsonl");
    const asJsonl = exportDataset(dataset, "jsonl");
    expect(asJsonl.trim().split("\n")).toHaveLength(2);
    expect(parseDatasetFile(asJsonl, "x.jsonl").hash).toBe(dataset.hash);
    const asYaml = exportDataset(dataset, "yaml");
    expect(asYaml).toMatch(/^# Dataset refunds, version [0-9a-f]{12} \(2 cases\)/);
    expect(parseDatasetFile(asYaml, "x.yaml").hash).toBe(dataset.hash);
  });

  it("gives a different version when any case changes", () => {
    const dataset = parseDatasetFile(jsonl, "datasets/refunds.jsonl");
    const changed = datasetOf(dataset.name, [
      { ...dataset.cases[0]!, expected: { category: "shipping" } },
      dataset.cases[1]!,
    ]);
    expect(changed.hash).not.toBe(dataset.hash);
  });
});
