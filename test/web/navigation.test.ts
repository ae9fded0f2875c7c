import { describe, expect, it } from "vitest";
import { findSection, navigationSections, normalisePath, sectionForPath } from "../../web/src/navigation.js";

describe("navigation", () => {
  it("lists the built sections, the rest as coming soon", () => {
    expect(navigationSections.filter((section) => section.available).map((section) => section.title)).toEqual(
      ["Overview", "Traces", "Sessions", "Runs", "Prompts", "Approvals"],
    );
    expect(
      navigationSections.filter((section) => !section.available).map((section) => section.title),
    ).toEqual(["Evals"]);
  });

  it("finds a section with or without a trailing slash", () => {
    expect(findSection("/")?.title).toBe("Overview");
    expect(findSection("/traces/")?.title).toBe("Traces");
    expect(findSection("/nowhere")).toBeUndefined();
  });

  it("places sub-pages in their section, and nothing else under the overview", () => {
    expect(sectionForPath("/traces/4bf92f35")?.title).toBe("Traces");
    expect(sectionForPath("/sessions/sess_1/")?.title).toBe("Sessions");
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
