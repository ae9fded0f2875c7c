import { describe, expect, it } from "vitest";
import { findSection, navigationSections, normalisePath } from "../../web/src/navigation.js";

describe("navigation", () => {
  it("lists the overview as the only built section, the rest as coming soon", () => {
    expect(navigationSections.filter((section) => section.available).map((section) => section.title)).toEqual(
      ["Overview"],
    );
    expect(
      navigationSections.filter((section) => !section.available).map((section) => section.title),
    ).toEqual(["Traces", "Runs", "Prompts", "Evals", "Approvals"]);
  });

  it("finds a section with or without a trailing slash", () => {
    expect(findSection("/")?.title).toBe("Overview");
    expect(findSection("/traces/")?.title).toBe("Traces");
    expect(findSection("/nowhere")).toBeUndefined();
  });

  it("normalises paths", () => {
    expect(normalisePath("")).toBe("/");
    expect(normalisePath("/evals//")).toBe("/evals");
    expect(normalisePath("/")).toBe("/");
  });
});
