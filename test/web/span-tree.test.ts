import { describe, expect, it } from "vitest";
import {
  ancestorSpanIds,
  buildSpanTree,
  indexSpanTree,
  nearestVisibleNode,
  parentSpanIds,
  type SpanTreeNode,
  type TreeSpan,
  visibleSpanRows,
} from "../../web/src/traces/span-tree.js";

function span(spanId: string, parentSpanId: string | null, startTimeMs: number): TreeSpan {
  return { spanId, parentSpanId, startTimeMs };
}

/** The forest as "id@depth" lines in display order, orphans marked. */
function outline(roots: SpanTreeNode[]): string[] {
  return visibleSpanRows(roots, new Set()).map(
    ({ node }) => `${"  ".repeat(node.depth)}${node.span.spanId}${node.orphan ? " (orphan)" : ""}`,
  );
}

describe("buildSpanTree", () => {
  it("nests children under parents and orders siblings by start, whatever the input order", () => {
    const roots = buildSpanTree([
      span("tool", "worker", 30),
      span("worker-b", "root", 25),
      span("root", null, 0),
      span("worker", "root", 10),
      span("chat", "worker", 12),
    ]);
    expect(outline(roots)).toEqual(["root", "  worker", "    chat", "    tool", "  worker-b"]);
    expect(roots[0]?.descendantCount).toBe(4);
    expect(roots[0]?.children[0]?.descendantCount).toBe(2);
  });

  it("keeps the input order for siblings that start together", () => {
    const roots = buildSpanTree([span("root", null, 0), span("b", "root", 5), span("a", "root", 5)]);
    expect(outline(roots)).toEqual(["root", "  b", "  a"]);
  });

  it("shows a span whose parent is missing as an orphan root, with its own subtree", () => {
    const roots = buildSpanTree([
      span("root", null, 0),
      span("lost", "not-in-this-trace", 50),
      span("lost-child", "lost", 60),
      span("early-lost", "gone", -5),
    ]);
    expect(outline(roots)).toEqual(["early-lost (orphan)", "root", "lost (orphan)", "  lost-child"]);
  });

  it("treats an empty parent id as no parent", () => {
    expect(outline(buildSpanTree([span("root", "", 0), span("child", "root", 1)]))).toEqual([
      "root",
      "  child",
    ]);
  });

  it("breaks a parent cycle instead of losing its spans", () => {
    const roots = buildSpanTree([
      span("root", null, 0),
      span("a", "b", 10),
      span("b", "a", 20),
      span("self", "self", 30),
    ]);
    expect(outline(roots)).toEqual(["root", "a (orphan)", "  b", "self (orphan)"]);
  });

  it("keeps the first of two spans with the same id", () => {
    const roots = buildSpanTree([span("root", null, 0), span("root", null, 5)]);
    expect(roots).toHaveLength(1);
    expect(roots[0]?.span.startTimeMs).toBe(0);
  });

  it("handles a chain deeper than the call stack would allow for recursion", () => {
    const spans = [span("s0", null, 0)];
    for (let index = 1; index < 20_000; index += 1) spans.push(span(`s${index}`, `s${index - 1}`, index));
    const roots = buildSpanTree(spans);
    const rows = visibleSpanRows(roots, new Set());
    expect(rows).toHaveLength(20_000);
    expect(rows.at(-1)?.node.depth).toBe(19_999);
    expect(roots[0]?.descendantCount).toBe(19_999);
  });
});

describe("visibleSpanRows", () => {
  const roots = buildSpanTree([
    span("root", null, 0),
    span("agent-a", "root", 1),
    span("chat-a", "agent-a", 2),
    span("agent-b", "root", 3),
    span("chat-b", "agent-b", 4),
  ]);

  it("hides the subtree of a collapsed span and marks it collapsed", () => {
    const rows = visibleSpanRows(roots, new Set(["agent-a"]));
    expect(rows.map((row) => row.node.span.spanId)).toEqual(["root", "agent-a", "agent-b", "chat-b"]);
    expect(rows[1]?.expanded).toBe(false);
    expect(rows[3]?.expanded).toBe(true);
  });

  it("collapses everything with the ids of all parents", () => {
    expect([...parentSpanIds(roots)].sort()).toEqual(["agent-a", "agent-b", "root"]);
    expect(visibleSpanRows(roots, parentSpanIds(roots)).map((row) => row.node.span.spanId)).toEqual(["root"]);
  });

  it("lists ancestors nearest first", () => {
    const chat = visibleSpanRows(roots, new Set()).find((row) => row.node.span.spanId === "chat-b")!;
    expect(ancestorSpanIds(chat.node)).toEqual(["agent-b", "root"]);
  });
});

describe("finding spans", () => {
  const roots = buildSpanTree([
    span("root", null, 0),
    span("agent", "root", 1),
    span("worker", "agent", 2),
    span("chat", "worker", 3),
  ]);
  const index = indexSpanTree(roots);

  it("indexes every span by id", () => {
    expect([...index.keys()].sort()).toEqual(["agent", "chat", "root", "worker"]);
  });

  it("finds the outermost collapsed ancestor that hides a span", () => {
    const chat = index.get("chat")!;
    expect(nearestVisibleNode(chat, new Set()).span.spanId).toBe("chat");
    expect(nearestVisibleNode(chat, new Set(["worker"])).span.spanId).toBe("worker");
    expect(nearestVisibleNode(chat, new Set(["worker", "agent"])).span.spanId).toBe("agent");
    expect(nearestVisibleNode(chat, new Set(["chat"])).span.spanId).toBe("chat");
  });
});
