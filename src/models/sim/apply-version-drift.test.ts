import { describe, expect, it } from "vitest";
import { preferredTool, shortenAnswer } from "./apply-version-drift.js";
import { modelVersionSchema } from "./scenario-schema.js";

const tool = (name: string) => ({ name, description: "", inputSchema: {} });

describe("version drift", () => {
  it("shortens answers to about the given share, at a word boundary, ending a sentence", () => {
    const text =
      "Refunds are available within thirty days of delivery for items in their original condition.";
    const half = shortenAnswer(text, 0.5);
    expect(half.length).toBeLessThanOrEqual(Math.ceil(text.length * 0.5) + 1);
    expect(half.length).toBeGreaterThan(text.length * 0.3);
    expect(text.startsWith(half.slice(0, -1))).toBe(true);
    expect(half.endsWith(".")).toBe(true);
    expect(shortenAnswer(text, 1)).toBe(text);
  });

  it("swaps in the first preferred tool that is offered, unless it is already the one called", () => {
    const version = modelVersionSchema.parse({ toolPreference: ["search_docs", "search"] });
    const offered = [tool("lookup_order"), tool("search"), tool("search_docs")];
    expect(preferredTool(version, "lookup_order", offered)?.name).toBe("search_docs");
    expect(preferredTool(version, "search_docs", offered)).toBeUndefined();
    expect(preferredTool(version, "lookup_order", [tool("lookup_order")])).toBeUndefined();
  });
});
