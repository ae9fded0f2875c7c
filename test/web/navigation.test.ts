import { describe, expect, it } from "vitest";
import { findSection, navigationSections, normalisePath, sectionForPath } from "../../web/src/navigation.js";

describe("navigation", () => {
  it("lists every section as built, in the order of the bar", () => {
    expect(navigationSections.map((section) => section.title)).toEqual([
      "Overview",
      "Traces",
      "Sessions",
      "Runs",
      "Prompts",
      "Evals",
      "Approvals",
    ]);
    expect(navigationSections.filter((section) => !section.available)).toEqual([]);
  });

  it("finds a section with or without a trailing slash", () => {
    expect(findSection("/")?.title).toBe("Overview");
    expect(findSection("/traces/")?.title).toBe("Traces");
    expect(findSection("/nowhere")).toBeUndefined();
  });

  it("places sub-pages in their section, and nothing else under the overview", () => {
    expect(sectionForPath("/traces/4bf92f35")?.title).toBe("Traces");
    expect(sectionForPath("/sessions/sess_1/")?.title).toBe("Sessions");
    expect(sectionForPath("/evals/runs/evr_1")?.title).toBe("Evals");
    expect(sectionForPath("/evals/compare")?.title).toBe("Evals");
    expect(sectionForPath("/tracesx")).toBeUndefined();
    expect(sectionForPath("/nowhere/deep")).toBeUndefined();
    expect(sectionForPath("/")?.title).toBe("Overview");
  });

  it("normalises paths", () => {
    expect(normalisePath("")).toBe("/");
    expect(normalisePath("/evals//")).toBe("/evals");
    expect(normalisePath("/")).toBe("/");
  });
});
