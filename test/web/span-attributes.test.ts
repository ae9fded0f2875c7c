import { describe, expect, it } from "vitest";
import {
  formatAttributeValue,
  groupAttributes,
  parseModelAttempts,
  spanTokenUsage,
} from "../../web/src/traces/span-attributes.js";

describe("groupAttributes", () => {
  it("splits GenAI, Gantry and other attributes, sorted by key", () => {
    const groups = groupAttributes({
      "gen_ai.usage.output_tokens": 212,
      "http.request.method": "POST",
      "gantry.cost.micros": 8_724,
      "gen_ai.request.model": "claude-sonnet-4-5",
      "gantry.agent.name": "support-triage",
    });
    expect(groups.genAi.map((entry) => entry.key)).toEqual([
      "gen_ai.request.model",
      "gen_ai.usage.output_tokens",
    ]);
    expect(groups.gantry.map((entry) => entry.key)).toEqual(["gantry.agent.name", "gantry.cost.micros"]);
    expect(groups.other.map((entry) => entry.key)).toEqual(["http.request.method"]);
    expect(groups.genAi[1]?.display).toEqual({ kind: "text", text: "212" });
  });
});

describe("formatAttributeValue", () => {
  it("pretty-prints JSON held in strings and structured values", () => {
    expect(formatAttributeValue('{"orderId":"A-1042","include":["items"]}')).toEqual({
      kind: "json",
      text: '{\n  "orderId": "A-1042",\n  "include": [\n    "items"\n  ]\n}',
    });
    expect(formatAttributeValue({ a: 1 })).toEqual({ kind: "json", text: '{\n  "a": 1\n}' });
  });

  it("keeps short lists of scalars on one line", () => {
    expect(formatAttributeValue(["stop"])).toEqual({ kind: "text", text: '["stop"]' });
  });

  it("shows text that only looks like JSON as text", () => {
    expect(formatAttributeValue("{not json")).toEqual({ kind: "text", text: "{not json" });
    expect(formatAttributeValue("42")).toEqual({ kind: "text", text: "42" });
    expect(formatAttributeValue(true)).toEqual({ kind: "text", text: "true" });
    expect(formatAttributeValue(null)).toEqual({ kind: "text", text: "null" });
  });
});

describe("parseModelAttempts", () => {
  const attempts = [
    {
      number: 1,
      model: "gpt-4.1",
      provider: "openai",
      outcome: "error",
      durationMs: 310,
      errorCode: "MODEL_RATE_LIMITED",
      statusCode: 429,
    },
    {
      number: 2,
      model: "claude-haiku-4-5",
      provider: "anthropic",
      outcome: "success",
      durationMs: 3_240,
      waitedMs: 120,
      costMicros: 2_315,
    },
  ];

  it("reads the JSON string Gantry records", () => {
    const rows = parseModelAttempts(JSON.stringify(attempts));
    expect(rows).toHaveLength(2);
    expect(rows?.[0]).toMatchObject({
      model: "gpt-4.1",
      outcome: "error",
      statusCode: 429,
      costMicros: null,
    });
    expect(rows?.[1]).toMatchObject({
      provider: "anthropic",
      waitedMs: 120,
      costMicros: 2_315,
      errorCode: null,
    });
  });

  it("accepts an already parsed array", () => {
    expect(parseModelAttempts(attempts)?.[1]?.durationMs).toBe(3_240);
  });

  it("gives null for anything that is not a list of attempts", () => {
    expect(parseModelAttempts(undefined)).toBeNull();
    expect(parseModelAttempts("[]")).toBeNull();
    expect(parseModelAttempts("not json")).toBeNull();
    expect(parseModelAttempts("[1, 2]")).toBeNull();
  });
});

describe("spanTokenUsage", () => {
  it("reads gen_ai.usage.* including 64-bit integers sent as strings", () => {
    expect(
      spanTokenUsage({
        "gen_ai.usage.input_tokens": 1_840,
        "gen_ai.usage.output_tokens": "212",
        "gen_ai.usage.cache_read.input_tokens": 1_024,
      }),
    ).toEqual({
      input: 1_840,
      output: 212,
      cacheRead: 1_024,
      cacheCreation: undefined,
      reasoning: undefined,
    });
  });
});
