import { describe, expect, it } from "vitest";
import { GantryError } from "../../core/index.js";
import { parseModelId, parseModelReference } from "./parse-model-id.js";

describe("parseModelId", () => {
  it("splits provider and model at the first colon", () => {
    expect(parseModelId("openai:gpt-4.1-mini")).toEqual({
      id: "openai:gpt-4.1-mini",
      provider: "openai",
      model: "gpt-4.1-mini",
    });
  });

  it("keeps later colons, slashes and versions in the model part", () => {
    expect(parseModelId("ollama:llama3.2:3b").model).toBe("llama3.2:3b");
    expect(parseModelId("openrouter:anthropic/claude-sonnet-4.5").model).toBe("anthropic/claude-sonnet-4.5");
    expect(parseModelId("sim:default@2026-06")).toMatchObject({ provider: "sim", model: "default@2026-06" });
  });

  it.each(["gpt-4.1", ":gpt-4.1", "openai:", "OpenAI:gpt-4.1", "openai: gpt", "1x:model"])(
    "rejects %j as MODEL_ID_INVALID with a hint",
    (id) => {
      let caught: unknown;
      try {
        parseModelId(id);
      } catch (error) {
        caught = error;
      }
      expect(GantryError.isInstance(caught)).toBe(true);
      expect((caught as GantryError).code).toBe("MODEL_ID_INVALID");
      expect((caught as GantryError).message).toContain(JSON.stringify(id));
      expect((caught as GantryError).hint).toContain("<provider>:<model>");
    },
  );
});

describe("parseModelReference", () => {
  it("reads tier:<name> as a tier", () => {
    expect(parseModelReference("tier:small")).toEqual({ kind: "tier", tier: "small" });
  });

  it("reads anything else as a model id", () => {
    expect(parseModelReference("anthropic:claude-sonnet-4-5")).toMatchObject({
      kind: "model",
      provider: "anthropic",
    });
  });

  it("rejects an empty tier name", () => {
    expect(() => parseModelReference("tier:")).toThrow(/Invalid model id/);
  });
});
