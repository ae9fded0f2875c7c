import type { LanguageModelV3Content } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { GantryError } from "../../core/index.js";
import type { ModelCallResult, ModelRequest } from "../model-call-spec.js";
import { type CascadeValidatorInput, createResultValidator, resultText } from "./cascade-validators.js";

function result(...content: LanguageModelV3Content[]): ModelCallResult {
  return {
    modelId: "sim:fast",
    content,
    finishReason: { unified: "stop", raw: "stop" },
    usage: { input: 1, cacheRead: 0, cacheWrite: 0, cacheWrite1h: 0, output: 1, reasoning: 0 },
    cost: { micros: 1, source: "computed" },
    attempts: [],
    route: { reason: "cascade", candidates: [] },
    cached: false,
  };
}
const text = (value: string): LanguageModelV3Content => ({ type: "text", text: value });
const toolCall: LanguageModelV3Content = {
  type: "tool-call",
  toolCallId: "c1",
  toolName: "lookup",
  input: "{}",
};
const plain: ModelRequest = { prompt: [] };
const categorySchema = {
  type: "object",
  properties: {
    category: { type: "string", enum: ["billing", "other"] },
    confidence: { type: "number", maximum: 1 },
  },
  required: ["category"],
  additionalProperties: false,
} as const;
const withSchema: ModelRequest = { prompt: [], responseFormat: { type: "json", schema: categorySchema } };

describe("cascade validators", () => {
  it("resultText joins the text parts", () => {
    expect(resultText(result(text('{"a"'), toolCall, text(":1}")))).toBe('{"a":1}');
  });

  it("non-empty accepts non-whitespace text or a tool call", async () => {
    const validate = createResultValidator({ name: "c", validator: "non-empty" }, plain);
    expect(await validate(result(text(" ok ")))).toBe(true);
    expect(await validate(result(toolCall))).toBe(true);
    expect(await validate(result(text("  \n\t")))).toBe(false);
    expect(await validate(result())).toBe(false);
  });

  it("json accepts text that parses as JSON, and nothing else", async () => {
    const validate = createResultValidator({ name: "c", validator: "json" }, plain);
    expect(await validate(result(text(' {"category":"billing"} ')))).toBe(true);
    expect(await validate(result(text("[1, 2]")))).toBe(true);
    expect(await validate(result(text("Here you go: {}")))).toBe(false);
    expect(await validate(result(text("```json\n{}\n```")))).toBe(false);
    expect(await validate(result(text("")))).toBe(false);
    expect(await validate(result(toolCall))).toBe(false);
  });

  it("json-schema checks the parsed text against the request's schema", async () => {
    const validate = createResultValidator({ name: "c", validator: "json-schema" }, withSchema);
    expect(await validate(result(text('{"category":"billing","confidence":0.9}')))).toBe(true);
    expect(await validate(result(text('{"category":"shipping"}')))).toBe(false);
    expect(await validate(result(text('{"confidence":0.2}')))).toBe(false);
    expect(await validate(result(text('{"category":"other","extra":true}')))).toBe(false);
    expect(await validate(result(text('{"category":"other","confidence":2}')))).toBe(false);
    expect(await validate(result(text("not json")))).toBe(false);
  });

  it("json-schema resolves local $refs in draft-07 and 2020-12 style", async () => {
    for (const schema of [
      { $ref: "#/definitions/label", definitions: { label: { type: "string", minLength: 2 } } },
      { $ref: "#/$defs/label", $defs: { label: { type: "string", minLength: 2 } } },
    ]) {
      const request: ModelRequest = {
        prompt: [],
        responseFormat: { type: "json", schema } as ModelRequest["responseFormat"],
      };
      const validate = createResultValidator({ name: "c", validator: "json-schema" }, request);
      expect(await validate(result(text('"ok"')))).toBe(true);
      expect(await validate(result(text('"x"')))).toBe(false);
    }
  });

  it("json-schema without a schema behaves as json", async () => {
    const validate = createResultValidator(
      { name: "c", validator: "json-schema" },
      { prompt: [], responseFormat: { type: "json" } },
    );
    expect(await validate(result(text('{"anything":1}')))).toBe(true);
    expect(await validate(result(text("prose")))).toBe(false);
  });

  it("json-schema refuses, up front, a schema it cannot check", () => {
    const request: ModelRequest = {
      prompt: [],
      responseFormat: { type: "json", schema: { $ref: "https://example.com/remote.json" } },
    };
    let thrown: unknown;
    try {
      createResultValidator({ name: "strict", validator: "json-schema" }, request);
    } catch (error) {
      thrown = error;
    }
    expect(GantryError.isInstance(thrown) && thrown.code).toBe("MODEL_CASCADE_SCHEMA_UNSUPPORTED");
  });

  it("a user function gets the text and the result; a throw counts as a rejection", async () => {
    const seen: CascadeValidatorInput[] = [];
    const validate = createResultValidator(
      {
        name: "c",
        validator: async (input: { text: string }) => {
          seen.push(input as CascadeValidatorInput);
          const parsed = JSON.parse(input.text) as { confidence: number };
          return parsed.confidence >= 0.8;
        },
      },
      plain,
    );
    const confident = result(text('{"confidence":0.9}'));
    expect(await validate(confident)).toBe(true);
    expect(seen[0]).toEqual({ text: '{"confidence":0.9}', result: confident });
    expect(await validate(result(text('{"confidence":0.1}')))).toBe(false);
    expect(await validate(result(text("unparseable")))).toBe(false);
  });

  it("a user function must return exactly true to accept", async () => {
    const validate = createResultValidator(
      { name: "c", validator: () => "yes" as unknown as boolean },
      plain,
    );
    expect(await validate(result(text("x")))).toBe(false);
  });
});
