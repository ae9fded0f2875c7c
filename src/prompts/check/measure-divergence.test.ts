import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../core/index.js";
import type { ReplayOutput } from "../check-spec.js";
import { measureDivergence } from "./measure-divergence.js";

function json(caseId: string, value: JsonValue): ReplayOutput {
  return { caseId, text: JSON.stringify(value), json: value };
}

function rates(outputsBefore: ReplayOutput[], outputsAfter: ReplayOutput[]) {
  const report = measureDivergence(outputsBefore, outputsAfter);
  return Object.fromEntries(report.fields.map((field) => [field.path, `${field.diverged}/${field.total}`]));
}

describe("measureDivergence", () => {
  it("counts a field as diverged where it changed or disappeared, over the cases where it appears", () => {
    const before = [
      json("a", { category: "refund", confidence: 0.9 }),
      json("b", { category: "shipping", confidence: 0.8 }),
      json("c", { category: "other", confidence: 0.4 }),
      json("d", { category: "account" }),
    ];
    const after = [
      json("a", { category: "refund" }),
      json("b", { category: "refund", confidence: 0.8 }),
      json("c", { category: "other", confidence: 0.4 }),
      json("d", { category: "account" }),
    ];
    const report = measureDivergence(before, after, { threshold: 0.3 });
    expect(report.cases).toBe(4);
    expect(report.fields).toEqual([
      { path: "$.confidence", diverged: 1, total: 3, rate: 1 / 3 },
      { path: "$.category", diverged: 1, total: 4, rate: 0.25 },
    ]);
    expect(report.maxRate).toBe(1 / 3);
    expect(report.threshold).toBe(0.3);
    expect(report.bump).toBe("major");
  });

  it("is none when no rate exceeds the threshold (5% by default)", () => {
    const before = Array.from({ length: 20 }, (_, index) => json(`c${index}`, { n: index }));
    const after = before.map((output, index) => (index === 0 ? json(output.caseId, { n: 99 }) : output));
    const report = measureDivergence(before, after);
    expect(report.threshold).toBe(0.05);
    expect(report.maxRate).toBe(0.05);
    expect(report.bump).toBe("none");
    const moreChanged = after.map((output, index) => (index === 1 ? json(output.caseId, { n: 98 }) : output));
    expect(measureDivergence(before, moreChanged).bump).toBe("major");
  });

  it("treats numbers as equal only within floating-point noise", () => {
    expect(rates([json("a", { x: 0.1 + 0.2 })], [json("a", { x: 0.3 })])).toEqual({ "$.x": "0/1" });
    expect(rates([json("a", { x: 0.8 })], [json("a", { x: 0.81 })])).toEqual({ "$.x": "1/1" });
    expect(rates([json("a", { x: 1 })], [json("a", { x: "1" })])).toEqual({ "$.x": "1/1" });
  });

  it("compares a [*] field as the list of element values of each case", () => {
    const before = [json("a", { items: [{ id: 1 }, { id: 2 }] }), json("b", { items: [{ id: 3 }] })];
    const after = [
      json("a", { items: [{ id: 1 }, { id: 2 }] }),
      json("b", { items: [{ id: 3 }, { id: 4 }] }),
    ];
    expect(rates(before, after)).toEqual({ "$.items[*].id": "1/2" });
    expect(rates([json("a", { items: [] })], [json("a", { items: [{ id: 1 }] })])).toEqual({
      "$.items": "1/1",
      "$.items[*].id": "1/1",
    });
  });

  it("compares text outputs as one field '$', whitespace-normalised", () => {
    const before: ReplayOutput[] = [
      { caseId: "a", text: "Hello  there\n" },
      { caseId: "b", text: "Yes" },
    ];
    const after: ReplayOutput[] = [
      { caseId: "a", text: " Hello there" },
      { caseId: "b", text: "No" },
    ];
    expect(measureDivergence(before, after).fields).toEqual([
      { path: "$", diverged: 1, total: 2, rate: 0.5 },
    ]);
  });

  it("counts every field of the other side as diverged when one side errored or is absent", () => {
    const before = [json("a", { category: "refund", confidence: 0.9 }), json("b", { category: "other" })];
    const after: ReplayOutput[] = [
      { caseId: "a", text: "oops", error: "not JSON" },
      json("b", { category: "other" }),
      json("c", { category: "refund" }),
    ];
    const report = measureDivergence(before, after);
    expect(report.cases).toBe(3);
    expect(
      Object.fromEntries(report.fields.map((field) => [field.path, [field.diverged, field.total]])),
    ).toEqual({
      "$.confidence": [1, 1],
      "$.category": [2, 3],
    });
  });

  it("skips a case that failed on both sides and reports no field for no outputs", () => {
    const failed: ReplayOutput = { caseId: "a", text: "", error: "generation failed: 500" };
    const report = measureDivergence([failed], [failed]);
    expect(report).toEqual({ cases: 1, fields: [], maxRate: 0, threshold: 0.05, bump: "none" });
  });
});
