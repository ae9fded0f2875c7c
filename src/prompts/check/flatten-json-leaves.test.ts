import { describe, expect, it } from "vitest";
import { flattenJsonLeaves } from "./flatten-json-leaves.js";

describe("flattenJsonLeaves", () => {
  it("gives one path per leaf, arrays as [*] with the element values in order", () => {
    const leaves = flattenJsonLeaves({
      category: "refund",
      meta: { score: 0.5, flags: { urgent: true } },
      items: [{ id: 1, tags: ["a", "b"] }, { id: 2 }],
      "odd key": null,
    });
    expect(Object.fromEntries(leaves)).toEqual({
      "$.category": ["refund"],
      "$.meta.score": [0.5],
      "$.meta.flags.urgent": [true],
      "$.items[*].id": [1, 2],
      "$.items[*].tags[*]": ["a", "b"],
      '$["odd key"]': [null],
    });
  });

  it("keeps empty containers and scalars at the root as leaves", () => {
    expect(Object.fromEntries(flattenJsonLeaves({ items: [], meta: {} }))).toEqual({
      "$.items": [[]],
      "$.meta": [{}],
    });
    expect(Object.fromEntries(flattenJsonLeaves("plain"))).toEqual({ $: ["plain"] });
  });
});
