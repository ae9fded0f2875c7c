import { describe, expect, it } from "vitest";
import { GantryError } from "../../core/index.js";
import { parseSimModelId } from "./sim-model-id.js";

describe("sim model ids", () => {
  it("parses families and versions, with or without the provider prefix", () => {
    expect(parseSimModelId("sim:default")).toEqual({ family: "default", version: undefined });
    expect(parseSimModelId("fast")).toEqual({ family: "fast", version: undefined });
    expect(parseSimModelId("sim:default@2026-06")).toEqual({ family: "default", version: "2026-06" });
  });

  it("rejects unknown families with a GantryError that lists the known ones", () => {
    const error = (() => {
      try {
        parseSimModelId("sim:gigantic");
      } catch (caught) {
        return caught;
      }
    })();
    expect(GantryError.isInstance(error) && error.code).toBe("SIM_MODEL_UNKNOWN");
    expect(GantryError.isInstance(error) && error.hint).toContain("default, fast");
    expect(() => parseSimModelId("openai:gpt-4o")).toThrow(GantryError);
  });
});
