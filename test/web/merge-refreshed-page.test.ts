import { describe, expect, it } from "vitest";
import { mergeRefreshedPage } from "../../web/src/api/merge-refreshed-page.js";

const keyOf = (item: string) => item;

describe("mergeRefreshedPage", () => {
  it("replaces a single loaded page with the fresh one", () => {
    expect(
      mergeRefreshedPage(
        { items: ["b", "a"], nextCursor: "c1", pagesLoaded: 1 },
        { items: ["c", "b"], nextCursor: "c2" },
        keyOf,
      ),
    ).toEqual({ items: ["c", "b"], nextCursor: "c2", pagesLoaded: 1 });
  });

  it("puts new items on top of several loaded pages and keeps the older pages' cursor", () => {
    const merged = mergeRefreshedPage(
      { items: ["d", "c", "b", "a"], nextCursor: "after-a", pagesLoaded: 2 },
      { items: ["e", "d"], nextCursor: "after-d" },
      keyOf,
    );
    expect(merged).toEqual({ items: ["e", "d", "c", "b", "a"], nextCursor: "after-a", pagesLoaded: 2 });
  });

  it("starts over when more arrived than a page holds, rather than leave a gap", () => {
    const merged = mergeRefreshedPage(
      { items: ["b", "a"], nextCursor: "after-a", pagesLoaded: 2 },
      { items: ["z", "y"], nextCursor: "after-y" },
      keyOf,
    );
    expect(merged).toEqual({ items: ["z", "y"], nextCursor: "after-y", pagesLoaded: 1 });
  });

  it("takes the fresh page alone when it is now the whole list", () => {
    const merged = mergeRefreshedPage(
      { items: ["b", "a"], nextCursor: null, pagesLoaded: 2 },
      { items: ["b"], nextCursor: null },
      keyOf,
    );
    expect(merged).toEqual({ items: ["b"], nextCursor: null, pagesLoaded: 1 });
  });
});
