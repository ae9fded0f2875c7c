import { describe, expect, it } from "vitest";
import type { ConsumerContract } from "../check-spec.js";
import { parsePromptFile } from "../parse-prompt-file.js";
import { checkContractsAgainstSchema } from "./check-contracts-against-schema.js";

function prompt(output: string | undefined) {
  const lines = [
    "---",
    "id: triage",
    "version: 1.1.0",
    ...(output ? [`output: ${output}`] : []),
    "---",
    "Triage.",
  ];
  return parsePromptFile(lines.join("\n"), "prompts/triage.prompt.md");
}

const schema = JSON.stringify({
  type: "object",
  properties: {
    category: { type: "string", enum: ["refund", "shipping", "other"] },
    score: { type: "integer" },
    items: { type: "array", items: { type: "object", properties: { id: { type: "string" } } } },
    free: { type: "object" },
    either: { anyOf: [{ type: "object", properties: { a: { type: "number" } } }, { type: "null" }] },
  },
});

function failuresOf(reads: ConsumerContract["reads"], output: string | null = schema) {
  const [result] = checkContractsAgainstSchema(
    [{ consumer: "router", origin: "api", reads }],
    prompt(output ?? undefined),
  );
  return result?.failures.map((failure) => `${failure.caseId} ${failure.rule} ${failure.message}`);
}

describe("checkContractsAgainstSchema", () => {
  it("passes reads the schema declares, through items, free-form objects and anyOf", () => {
    expect(
      failuresOf([
        { path: "$.category", required: true, type: "string", enum: ["refund", "shipping", "other", "x"] },
        { path: "$.score", required: true, type: "number" },
        { path: "$.items[*].id", required: true, type: "string" },
        { path: "$.items[0].id", required: true },
        { path: "$.free.anything", required: true },
        { path: "$.either.a", required: true, type: "number" },
      ]),
    ).toEqual([]);
  });

  it("fails a required read the schema does not declare, with caseId schema", () => {
    expect(failuresOf([{ path: "$.confidence", required: true }])).toEqual([
      "schema missing consumer router reads $.confidence: the output schema of triage 1.1.0 does not declare it",
    ]);
    expect(failuresOf([{ path: "$.category.code", required: true }])).toHaveLength(1);
    expect(failuresOf([{ path: "$.confidence", required: false }])).toEqual([]);
  });

  it("fails a type the schema rules out and enum values the consumer does not accept", () => {
    expect(failuresOf([{ path: "$.category", required: true, type: "number" }])).toEqual([
      "schema type consumer router reads $.category: expected number, the output schema of triage 1.1.0 says string",
    ]);
    expect(failuresOf([{ path: "$.category", required: true, enum: ["refund", "shipping"] }])).toEqual([
      'schema enum consumer router reads $.category: the output schema of triage 1.1.0 allows "other", which it does not accept',
    ]);
  });

  it("fails every required read of a prompt that declares no output schema", () => {
    expect(failuresOf([{ path: "$.category", required: true }], null)).toEqual([
      "schema missing consumer router reads $.category: triage 1.1.0 declares no output schema",
    ]);
  });
});
