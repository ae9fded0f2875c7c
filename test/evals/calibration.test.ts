import { describe, expect, it } from "vitest";
import {
  agreement,
  agreementOf,
  calibrateJudge,
  type LabelledItem,
  type LabelPair,
  parseLabelsFile,
} from "../../src/evals/index.js";
import { catchGantryError } from "../support/catch-gantry-error.js";
import { scriptedJudge } from "./support/scorer-context.js";

function pairs(counts: Record<string, Record<string, number>>, dimension = "d"): LabelPair[] {
  return Object.entries(counts).flatMap(([human, row]) =>
    Object.entries(row).flatMap(([judge, count]) =>
      Array.from({ length: count }, () => ({ dimension, human, judge })),
    ),
  );
}

describe("agreement", () => {
  it("matches the textbook 2×2 example: 50 items, 35 agreements, κ = 0.4", () => {
    // Rater A said yes 25 times, rater B 30 times: p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.2 / 0.5.
    const result = agreementOf(pairs({ yes: { yes: 20, no: 5 }, no: { yes: 10, no: 15 } }));
    expect(result.n).toBe(50);
    expect(result.accuracy).toBeCloseTo(0.7, 12);
    expect(result.cohensKappa).toBeCloseTo(0.4, 12);
    expect(result.confusion).toEqual({ yes: { yes: 20, no: 5 }, no: { yes: 10, no: 15 } });
  });

  it("matches a hand-computed 3×3 example (κ = 412/592)", () => {
    // Rows (human) 12, 10, 8; columns (judge) 11, 12, 7; p_o = 24/30; p_e = (132 + 120 + 56) / 900.
    const result = agreementOf(
      pairs({ a: { a: 10, b: 2, c: 0 }, b: { a: 1, b: 8, c: 1 }, c: { a: 0, b: 2, c: 6 } }),
    );
    expect(result.accuracy).toBeCloseTo(0.8, 12);
    expect(result.cohensKappa).toBeCloseTo(412 / 592, 12);
  });

  it("κ is 0 at chance level, negative below it, and undefined (null) when both raters use one label only", () => {
    expect(agreementOf(pairs({ yes: { yes: 25, no: 25 }, no: { yes: 25, no: 25 } })).cohensKappa).toBeCloseTo(
      0,
      12,
    );
    expect(agreementOf(pairs({ yes: { no: 10 }, no: { yes: 10 } })).cohensKappa).toBeCloseTo(-1, 12);
    expect(agreementOf(pairs({ yes: { yes: 7 } }))).toMatchObject({ accuracy: 1, cohensKappa: null });
    expect(agreementOf([])).toMatchObject({ n: 0, cohensKappa: null });
  });

  it("reports per dimension and pooled, with every label of the scale on the axes in scale order", () => {
    const report = agreement(
      [
        ...pairs({ fully: { fully: 3 } }, "faithfulness"),
        ...pairs({ fully: { partly: 1 }, partly: { partly: 2 } }, "completeness"),
      ],
      ["fully", "mostly", "partly"],
    );
    expect(Object.keys(report.dimensions)).toEqual(["faithfulness", "completeness"]);
    expect(report.dimensions.completeness).toMatchObject({ n: 3, labels: ["fully", "mostly", "partly"] });
    expect(report.dimensions.completeness!.confusion.fully).toEqual({ fully: 0, mostly: 0, partly: 1 });
    expect(report.overall).toMatchObject({ n: 6, accuracy: 5 / 6 });
  });
});

describe("parseLabelsFile", () => {
  it("reads a YAML list, { items }, or JSONL", () => {
    const item = { id: "a", input: "q", output: "answer", human: { faithfulness: "fully" } };
    expect(
      parseLabelsFile(`- id: a\n  input: q\n  output: answer\n  human: { faithfulness: fully }\n`, "l.yaml"),
    ).toEqual([item]);
    expect(
      parseLabelsFile(
        `items:\n  - id: a\n    input: q\n    output: answer\n    human: { faithfulness: fully }\n`,
        "l.yaml",
      ),
    ).toEqual([item]);
    expect(parseLabelsFile(`${JSON.stringify(item)}\n`, "l.jsonl")).toEqual([item]);
  });

  it("names file:line for a missing human grade, a missing answer and an unknown field", () => {
    const error = catchGantryError(() =>
      parseLabelsFile(
        [
          "items:",
          "  - id: a",
          "    input: q",
          "    output: x",
          "    human: {}",
          "  - id: b",
          "    input: q",
          "    answer: x",
          "    human: { completeness: fully }",
        ].join("\n"),
        "evals/labels.yaml",
      ),
    );
    expect(error.code).toBe("EVAL_LABELS_INVALID");
    expect(error.message).toContain("evals/labels.yaml:5  items.0.human: at least one dimension's label");
    expect(error.message).toContain("evals/labels.yaml:8  items.1.answer: unknown field");
    expect(error.message).toContain("evals/labels.yaml:6  items.1.output: missing; the answer being graded");
  });
});

describe("calibrateJudge", () => {
  const labels: LabelledItem[] = [
    { id: "a", input: "q", output: "fine answer", human: { faithfulness: "fully", completeness: "mostly" } },
    {
      id: "b",
      input: "q",
      output: "invented policy",
      human: { faithfulness: "not at all", completeness: "mostly" },
    },
    { id: "c", input: "q", output: "broken", human: { faithfulness: "fully" } },
  ];

  it("grades each item with the rubric judge and compares labels per dimension, leaving inconclusive items out", async () => {
    const judge = scriptedJudge((request) => {
      if (request.user.includes("broken")) return "not json";
      const invented = request.user.includes("invented");
      return {
        faithfulness: { reason: "r", choice: invented ? "fully" : "fully" },
        completeness: { reason: "r", choice: "mostly" },
      };
    }, 10);
    const report = await calibrateJudge({ labels, judge });
    expect(report.judgeModel).toBe("judge:test");
    expect(report.inconclusive).toBe(1);
    expect(report.costMicros).toBe(30);
    expect(report.dimensions.faithfulness).toMatchObject({ n: 2, accuracy: 0.5 });
    expect(report.dimensions.completeness).toMatchObject({ n: 2, accuracy: 1 });
    expect(report.items.find((item) => item.id === "b" && item.dimension === "faithfulness")).toMatchObject({
      human: "not at all",
      judge: "fully",
    });
    expect(judge.requests[0]!.schema).toMatchObject({ required: ["faithfulness", "completeness"] });
  });

  it("calibrates only the dimensions the judge grades, setting the other labels aside", async () => {
    const judge = scriptedJudge(() => ({ faithfulness: { reason: "r", choice: "fully" } }));
    const report = await calibrateJudge({
      labels: labels.slice(0, 2),
      judge,
      spec: { dimensions: ["faithfulness"], rubric: undefined },
    });
    expect(Object.keys(report.dimensions)).toEqual(["faithfulness"]);
    expect(report.skippedDimensions).toEqual(["completeness"]);
    expect(report.dimensions.faithfulness).toMatchObject({ n: 2, accuracy: 0.5 });
  });

  it("rejects human labels outside the judge's scale, or none on a dimension it grades", async () => {
    const judge = scriptedJudge(() => ({}));
    await expect(
      calibrateJudge({ labels: [{ ...labels[0]!, human: { faithfulness: "great" } }], judge }),
    ).rejects.toMatchObject({
      code: "EVAL_LABELS_INVALID",
      message: expect.stringContaining('item a: faithfulness is labelled "great", not one of fully, mostly'),
    });
    await expect(calibrateJudge({ labels, judge, spec: { dimensions: ["safety"] } })).rejects.toThrow(
      /no item labels a dimension the judge grades \(safety\); labelled: faithfulness, completeness/,
    );
  });
});
