import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../core/index.js";
import type { ConsumerContract, ReplayOutput } from "../check-spec.js";
import { runContracts } from "./run-contracts.js";

function json(caseId: string, value: JsonValue): ReplayOutput {
  return { caseId, text: JSON.stringify(value), json: value };
}

const router: ConsumerContract = {
  consumer: "router",
  origin: "prompts/triage.consumers.yaml:2",
  reads: [
    { path: "$.category", required: true, type: "string", enum: ["refund", "shipping"] },
    { path: "$.confidence", required: true, type: "number" },
  ],
};

describe("runContracts", () => {
  it("passes a contract every output satisfies", () => {
    const results = runContracts(
      [router],
      [
        json("a", { category: "refund", confidence: 0.9 }),
        json("b", { category: "shipping", confidence: 1 }),
      ],
    );
    expect(results).toEqual([{ consumer: "router", origin: router.origin, passed: true, failures: [] }]);
  });

  it("names consumer, field, case and the actual value for each broken rule", () => {
    const [result] = runContracts(
      [router],
      [json("a", { category: "refund" }), json("b", { category: "billing", confidence: "high" })],
    );
    expect(result?.passed).toBe(false);
    expect(result?.failures).toEqual([
      {
        consumer: "router",
        field: "$.confidence",
        caseId: "a",
        rule: "missing",
        message: 'consumer router reads $.confidence: missing in case a (output {"category":"refund"})',
      },
      {
        consumer: "router",
        field: "$.category",
        caseId: "b",
        rule: "enum",
        message: 'consumer router reads $.category: "billing" is not one of "refund", "shipping" in case b',
      },
      {
        consumer: "router",
        field: "$.confidence",
        caseId: "b",
        rule: "type",
        message: 'consumer router reads $.confidence: expected number, got string "high" in case b',
      },
    ]);
  });

  it("checks every element through [*], integers, regexes and optional fields", () => {
    const contract: ConsumerContract = {
      consumer: "ledger",
      origin: "api",
      reads: [
        { path: "$.items[*].id", required: true, type: "integer" },
        { path: "$.items[*].sku", required: true, regex: "^SKU-[0-9]+$" },
        { path: "$.note", required: false, type: "string" },
      ],
    };
    const [result] = runContracts(
      [contract],
      [
        json("ok", { items: [{ id: 1, sku: "SKU-1" }], note: "x" }),
        json("empty", { items: [] }),
        json("bad", { items: [{ id: 1.5, sku: "SKU-2" }, { sku: "sku-3" }, { id: 4, sku: 4 }] }),
      ],
    );
    expect(result?.failures.map((failure) => `${failure.caseId} ${failure.rule} ${failure.message}`)).toEqual(
      [
        "bad type consumer ledger reads $.items[*].id: expected integer, got number 1.5 in case bad at $.items[0].id",
        'bad missing consumer ledger reads $.items[*].id: missing in case bad at $.items[1].id (output {"items":[{"id":1.5,"sku":"SKU-2"},{"sku":"sku-3"},{"id":4,"sku":4}]})',
        'bad regex consumer ledger reads $.items[*].sku: "sku-3" does not match /^SKU-[0-9]+$/ in case bad at $.items[1].sku',
        "bad regex consumer ledger reads $.items[*].sku: expected a string matching /^SKU-[0-9]+$/, got 4 in case bad at $.items[2].sku",
      ],
    );
  });

  it("fails every read of a case that has no JSON, quoting the text truncated", () => {
    const text = `Sure! ${"x".repeat(200)}`;
    const [result] = runContracts([router], [{ caseId: "prose", text, error: "not JSON" }]);
    expect(result?.failures.map((failure) => [failure.field, failure.rule])).toEqual([
      ["$.category", "not-json"],
      ["$.confidence", "not-json"],
    ]);
    const message = result?.failures[0]?.message ?? "";
    expect(
      message.startsWith(
        'consumer router reads $.category: case prose has no JSON output (not JSON): "Sure! xxx',
      ),
    ).toBe(true);
    expect(message.endsWith("…")).toBe(true);
    expect(message.length).toBeLessThan(180);
  });
});
