/** What the tree needs of a span; the dashboard's Span satisfies it. */
export interface TreeSpan {
  spanId: string;
  parentSpanId: string | null;
  startTimeMs: number;
}

export interface SpanTreeNode<S extends TreeSpan = TreeSpan> {
  span: S;
  parent: SpanTreeNode<S> | null;
  children: SpanTreeNode<S>[];
  /** 0 for a root; recomputed here rather than trusted from the server. */
  depth: number;
  /** The span names a parent that is not in the trace (or is part of a parent cycle). */
  orphan: boolean;
  /** Spans below this one, all levels. */
  descendantCount: number;
}

function byStart<S extends TreeSpan>(left: SpanTreeNode<S>, right: SpanTreeNode<S>): number {
  return left.span.startTimeMs - right.span.startTimeMs;
}

/** Sets depth top-down and descendant counts bottom-up without recursion (traces can be deep). */
function annotate<S extends TreeSpan>(root: SpanTreeNode<S>, visited: Set<SpanTreeNode<S>>): void {
  const order: SpanTreeNode<S>[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visited.add(node);
    order.push(node);
    for (const child of node.children) {
      child.depth = node.depth + 1;
      stack.push(child);
    }
  }
  for (let index = order.length - 1; index >= 0; index -= 1) {
    const node = order[index]!;
    node.descendantCount = node.children.reduce((sum, child) => sum + 1 + child.descendantCount, 0);
  }
}

/**
 * The spans of one trace as a forest: children under their parent, siblings by start time (ties keep
 * the input order). A span whose parent is missing becomes a root marked `orphan`, so nothing is
 * hidden; a parent cycle (bad data) is broken at its earliest span.
 */
export function buildSpanTree<S extends TreeSpan>(spans: readonly S[]): SpanTreeNode<S>[] {
  const nodes = new Map<string, SpanTreeNode<S>>();
  const ordered: SpanTreeNode<S>[] = [];
  for (const span of spans) {
    // A duplicated id keeps its first span; the duplicate would make the tree ambiguous.
    if (nodes.has(span.spanId)) continue;
    const node: SpanTreeNode<S> = {
      span,
      parent: null,
      children: [],
      depth: 0,
      orphan: false,
      descendantCount: 0,
    };
    nodes.set(span.spanId, node);
    ordered.push(node);
  }
  // Array.prototype.sort is stable, so equal start times keep the server's order.
  ordered.sort(byStart);

  const roots: SpanTreeNode<S>[] = [];
  for (const node of ordered) {
    const parentId = node.span.parentSpanId;
    const parent = parentId === null || parentId === "" ? undefined : nodes.get(parentId);
    if (parentId === null || parentId === "") {
      roots.push(node);
    } else if (parent === undefined || parent === node) {
      node.orphan = true;
      roots.push(node);
    } else {
      node.parent = parent;
      parent.children.push(node);
    }
  }

  const visited = new Set<SpanTreeNode<S>>();
  for (const root of roots) annotate(root, visited);
  // Whatever no root reaches sits on a parent cycle: cut each cycle at its earliest span.
  for (const node of ordered) {
    if (visited.has(node)) continue;
    const parent = node.parent;
    if (parent !== null) parent.children.splice(parent.children.indexOf(node), 1);
    node.parent = null;
    node.orphan = true;
    node.depth = 0;
    roots.push(node);
    annotate(node, visited);
  }
  roots.sort(byStart);
  return roots;
}

/** One visible line of the waterfall. */
export interface SpanRow<S extends TreeSpan = TreeSpan> {
  node: SpanTreeNode<S>;
  expanded: boolean;
}

/** The rows a person sees, depth first, skipping the subtrees of collapsed spans. */
export function visibleSpanRows<S extends TreeSpan>(
  roots: readonly SpanTreeNode<S>[],
  collapsedSpanIds: ReadonlySet<string>,
): SpanRow<S>[] {
  const rows: SpanRow<S>[] = [];
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    const expanded = !collapsedSpanIds.has(node.span.spanId);
    rows.push({ node, expanded });
    if (!expanded) continue;
    for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index]!);
  }
  return rows;
}

/** The ids of every span that has children: what "collapse all" collapses. */
export function parentSpanIds<S extends TreeSpan>(roots: readonly SpanTreeNode<S>[]): Set<string> {
  const ids = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.children.length > 0) ids.add(node.span.spanId);
    stack.push(...node.children);
  }
  return ids;
}

/** The ids of a span's ancestors, nearest first; expanding them reveals the span. */
export function ancestorSpanIds<S extends TreeSpan>(node: SpanTreeNode<S>): string[] {
  const ids: string[] = [];
  for (let current = node.parent; current !== null; current = current.parent) ids.push(current.span.spanId);
  return ids;
}

/** Every node by span id, for lookups from a selection or a URL. */
export function indexSpanTree<S extends TreeSpan>(
  roots: readonly SpanTreeNode<S>[],
): Map<string, SpanTreeNode<S>> {
  const index = new Map<string, SpanTreeNode<S>>();
  const stack = [...roots];
  while (stack.length > 0) {
    const node = stack.pop()!;
    index.set(node.span.spanId, node);
    stack.push(...node.children);
  }
  return index;
}

/** The span itself when it is shown, else the collapsed ancestor that hides it (the outermost one). */
export function nearestVisibleNode<S extends TreeSpan>(
  node: SpanTreeNode<S>,
  collapsedSpanIds: ReadonlySet<string>,
): SpanTreeNode<S> {
  let visible = node;
  for (let current = node.parent; current !== null; current = current.parent) {
    if (collapsedSpanIds.has(current.span.spanId)) visible = current;
  }
  return visible;
}
