import { describe, expect, it } from "vitest";
import type { SpanRecord } from "../span-spec.js";
import { spanTree } from "./traces-tree.js";

function span(spanId: string, parentSpanId: string | null, startTimeMs: number): SpanRecord {
  return {
    traceId: "t",
    spanId,
    parentSpanId,
    name: spanId,
    kind: "internal",
    startTimeMs,
    endTimeMs: startTimeMs + 1,
    statusCode: "unset",
    statusMessage: null,
    attributes: {},
    events: [],
    projectId: null,
    agent: null,
    model: null,
    sessionId: null,
    costMicros: null,
  };
}

const shape = (spans: SpanRecord[]) => spanTree(spans).map(({ span, depth }) => `${depth}:${span.spanId}`);

describe("spanTree", () => {
  it("orders depth first with siblings by start, whatever the input order", () => {
    const spans = [
      span("b2", "b", 6),
      span("a", "root", 1),
      span("b", "root", 5),
      span("root", null, 0),
      span("a1", "a", 2),
      span("b1", "b", 5.5),
    ];
    expect(shape(spans)).toEqual(["0:root", "1:a", "2:a1", "1:b", "2:b1", "2:b2"]);
  });

  it("puts orphans at depth 0 in start order, with their own subtrees", () => {
    expect(shape([span("root", null, 0), span("orphan", "gone", 3), span("child", "orphan", 4)])).toEqual([
      "0:root",
      "0:orphan",
      "1:child",
    ]);
  });

  it("lists spans caught in a parent cycle once, at depth 0, and survives a 5,000-deep chain", () => {
    expect(shape([span("x", "y", 1), span("y", "x", 2)])).toEqual(["0:x", "1:y"]);
    const chain = Array.from({ length: 5000 }, (_, index) =>
      span(`s${index}`, index === 0 ? null : `s${index - 1}`, index),
    );
    const tree = spanTree(chain);
    expect(tree).toHaveLength(5000);
    expect(tree.at(-1)).toMatchObject({ depth: 4999 });
  });
});
