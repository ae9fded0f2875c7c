import { describe, expect, it } from "vitest";
import type { ArgType } from "./arg-types.js";
import { constraintCondition } from "./rule-constraint.js";

type RecordType = Extract<ArgType, { kind: "record" }>;

const tools = new Map<string, RecordType>([
  [
    "issue_refund",
    {
      kind: "record",
      attributes: {
        amountUsd: { type: { kind: "decimal" }, required: true },
        quantity: { type: { kind: "long" }, required: false },
        reason: { type: { kind: "string" }, required: true },
        "gift-wrap": { type: { kind: "boolean" }, required: true },
        address: {
          type: { kind: "record", attributes: { country: { type: { kind: "string" }, required: false } } },
          required: false,
        },
      },
    },
  ],
  ["fs.write", { kind: "record", attributes: { size: { type: { kind: "long" }, required: true } } }],
]);

describe("constraintCondition", () => {
  it("compares decimals with Cedar's methods and Longs with operators", () => {
    expect(constraintCondition("issue_refund.amountUsd <= 100", tools)).toEqual({
      tool: "issue_refund",
      condition: 'context.args.amountUsd.lessThanOrEqual(decimal("100.0"))',
    });
    expect(constraintCondition("issue_refund.amountUsd > 0.5", tools)).toMatchObject({
      condition: 'context.args.amountUsd.greaterThan(decimal("0.5"))',
    });
    expect(constraintCondition("issue_refund.quantity<3", tools)).toMatchObject({
      condition: "context.args has quantity && context.args.quantity < 3",
    });
  });

  it("guards optional paths and quotes names that are not identifiers", () => {
    expect(constraintCondition('issue_refund.address.country in ["NO", "SE"]', tools)).toMatchObject({
      condition:
        'context.args has address && context.args.address has country && ["NO", "SE"].contains(context.args.address.country)',
    });
    expect(constraintCondition("issue_refund.gift-wrap == false", tools)).toMatchObject({
      condition: 'context.args["gift-wrap"] == false',
    });
  });

  it("finds tools whose names hold dots", () => {
    expect(constraintCondition("fs.write.size <= 1000", tools)).toEqual({
      tool: "fs.write",
      condition: "context.args.size <= 1000",
    });
  });

  it("says what is wrong", () => {
    const problem = (check: string) => {
      const result = constraintCondition(check, tools);
      return "problem" in result ? result.problem : "";
    };
    expect(problem("amountUsd <= 100")).toContain("does not start with a workspace tool's name");
    expect(problem("issue_refund.amountUsd")).toContain("is not a constraint");
    expect(problem("issue_refund.total < 3")).toContain("no argument total");
    expect(problem("issue_refund.quantity < 2.5")).toContain("must be a long");
    expect(problem("issue_refund.reason < 3")).toContain("must be a string");
    expect(problem('issue_refund.reason < "b"')).toContain("compares numbers");
    expect(problem("issue_refund.reason == delivered")).toContain("not a JSON value");
    expect(problem("issue_refund.address < 1")).toContain("only numbers, strings and booleans");
  });
});
