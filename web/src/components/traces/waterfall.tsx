import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Span } from "../../api/trace-schemas.js";
import { formatInteger } from "../../format/format-tokens.js";
import { useElementSize } from "../../hooks/use-element-size.js";
import {
  buildSpanTree,
  indexSpanTree,
  nearestVisibleNode,
  parentSpanIds,
  visibleSpanRows,
} from "../../traces/span-tree.js";
import {
  scrollTopToReveal,
  timeAxisTicks,
  traceTimeWindow,
  visibleRowRange,
} from "../../traces/waterfall-geometry.js";
import { TimeAxis, TimeGridLines } from "./time-axis.js";
import { WaterfallLegend } from "./waterfall-legend.js";
import { WaterfallRow, waterfallRowId } from "./waterfall-row.js";

export interface WaterfallProps {
  spans: readonly Span[];
  selectedSpanId: string | null;
  onSelect: (spanId: string) => void;
}

// Must match .waterfall-row and .waterfall-header heights in styles/waterfall.css.
const rowHeight = 28;
const headerHeight = 30;
// Rows rendered beyond the visible ones, so a fast scroll does not show blank space.
const overscan = 12;

type KeyInput = { key: string; preventDefault: () => void };

/**
 * The trace as a waterfall: one row per span in tree order, a bar per span on a shared time axis.
 * Only the rows in view are in the DOM, so a 5,000-span trace scrolls as lightly as a 20-span one.
 */
export function Waterfall({ spans, selectedSpanId, onSelect }: WaterfallProps) {
  const roots = useMemo(() => buildSpanTree(spans), [spans]);
  const nodesById = useMemo(() => indexSpanTree(roots), [roots]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => visibleSpanRows(roots, collapsed), [roots, collapsed]);
  const timeWindow = useMemo(() => traceTimeWindow(spans), [spans]);
  const viewportRef = useRef<HTMLDivElement>(null);
  const axisRef = useRef<HTMLDivElement>(null);
  const treeRef = useRef<HTMLDivElement>(null);
  const viewportHeight = useElementSize(viewportRef, { width: 0, height: 600 }).height;
  // At most one tick label per 64 px of axis, so labels never collide however narrow the column.
  const axisWidth = useElementSize(axisRef, { width: 450, height: 0 }).width;
  const tickCount = Math.min(10, Math.max(2, Math.floor(axisWidth / 64)));
  const ticks = useMemo(() => timeAxisTicks(timeWindow, tickCount), [timeWindow, tickCount]);
  const rowAreaHeight = Math.max(rowHeight, viewportHeight - headerHeight);
  const [scrollTop, setScrollTop] = useState(0);
  const range = visibleRowRange({
    scrollTop,
    viewportHeight: rowAreaHeight,
    rowHeight,
    rowCount: rows.length,
    overscan,
  });

  const selectedIndex = useMemo(
    () => rows.findIndex((row) => row.node.span.spanId === selectedSpanId),
    [rows, selectedSpanId],
  );

  // A selection hidden by collapsing an ancestor moves to the row that now stands for it.
  useEffect(() => {
    if (selectedSpanId === null || selectedIndex >= 0) return;
    const node = nodesById.get(selectedSpanId);
    if (node !== undefined) onSelect(nearestVisibleNode(node, collapsed).span.spanId);
  }, [selectedSpanId, selectedIndex, nodesById, collapsed, onSelect]);

  // Scroll only when the selection changes (keys, a deep link), not when rows above it fold.
  const selectedIndexRef = useRef(selectedIndex);
  selectedIndexRef.current = selectedIndex;
  // biome-ignore lint/correctness/useExhaustiveDependencies: selectedSpanId is the trigger; the index is read fresh.
  useEffect(() => {
    const viewport = viewportRef.current;
    const index = selectedIndexRef.current;
    if (viewport === null || index < 0) return;
    const next = scrollTopToReveal({
      rowIndex: index,
      rowHeight,
      scrollTop: viewport.scrollTop,
      viewportHeight: rowAreaHeight,
    });
    if (next !== viewport.scrollTop) viewport.scrollTop = next;
  }, [selectedSpanId, rowAreaHeight]);

  const toggle = useCallback((spanId: string) => {
    setCollapsed((previous) => {
      const next = new Set(previous);
      if (!next.delete(spanId)) next.add(spanId);
      return next;
    });
  }, []);

  const handleKey = useCallback(
    (event: KeyInput) => {
      if (rows.length === 0) return;
      const current = Math.max(0, selectedIndex);
      const row = rows[current]!;
      const hasChildren = row.node.children.length > 0;
      const pageRows = Math.max(1, Math.floor(rowAreaHeight / rowHeight) - 1);
      let next: number | null = null;
      switch (event.key) {
        case "ArrowDown":
          next = selectedIndex < 0 ? 0 : Math.min(rows.length - 1, current + 1);
          break;
        case "ArrowUp":
          next = Math.max(0, current - 1);
          break;
        case "PageDown":
          next = Math.min(rows.length - 1, current + pageRows);
          break;
        case "PageUp":
          next = Math.max(0, current - pageRows);
          break;
        case "Home":
          next = 0;
          break;
        case "End":
          next = rows.length - 1;
          break;
        case "ArrowRight":
          if (hasChildren && !row.expanded) toggle(row.node.span.spanId);
          else if (hasChildren) next = current + 1;
          break;
        case "ArrowLeft":
          if (hasChildren && row.expanded) toggle(row.node.span.spanId);
          else if (row.node.parent !== null)
            next = rows.findIndex((candidate) => candidate.node === row.node.parent);
          break;
        case "Enter":
        case " ":
          if (hasChildren) toggle(row.node.span.spanId);
          break;
        default:
          return;
      }
      event.preventDefault();
      if (next !== null && next >= 0) onSelect(rows[next]!.node.span.spanId);
    },
    [rows, selectedIndex, rowAreaHeight, toggle, onSelect],
  );

  // Arrow keys also work before the waterfall was clicked, as long as no other control has focus.
  const handleKeyRef = useRef(handleKey);
  handleKeyRef.current = handleKey;
  useEffect(() => {
    function onWindowKey(event: KeyboardEvent) {
      if (event.target !== document.body || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      treeRef.current?.focus({ preventScroll: true });
      handleKeyRef.current(event);
    }
    window.addEventListener("keydown", onWindowKey);
    return () => window.removeEventListener("keydown", onWindowKey);
  }, []);

  const allParents = useMemo(() => parentSpanIds(roots), [roots]);

  return (
    <div className="waterfall">
      <div className="waterfall-toolbar">
        <WaterfallLegend />
        <div className="waterfall-toolbar-actions">
          <button type="button" className="button button-small" onClick={() => setCollapsed(new Set())}>
            Expand all
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() => setCollapsed(new Set(allParents))}
          >
            Collapse all
          </button>
        </div>
      </div>
      <div
        className="waterfall-viewport"
        ref={viewportRef}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        <div className="waterfall-header" style={{ height: headerHeight }}>
          <div className="waterfall-name">
            Span{" "}
            <span className="muted-cell">
              (
              {rows.length === spans.length
                ? formatInteger(spans.length)
                : `${formatInteger(rows.length)} of ${formatInteger(spans.length)}`}
              )
            </span>
          </div>
          <div className="waterfall-timeline" ref={axisRef}>
            <TimeAxis ticks={ticks} />
          </div>
          <div className="waterfall-metric">Tokens</div>
          <div className="waterfall-metric">Cost</div>
        </div>
        <div
          ref={treeRef}
          role="tree"
          aria-label="Spans"
          tabIndex={0}
          aria-activedescendant={selectedIndex >= 0 ? waterfallRowId(selectedSpanId!) : undefined}
          className="waterfall-body"
          style={{ height: rows.length * rowHeight }}
          onKeyDown={handleKey}
        >
          <div className="waterfall-grid-layer" aria-hidden="true">
            <div />
            <div className="waterfall-timeline">
              <TimeGridLines ticks={ticks} />
            </div>
          </div>
          {rows.slice(range.start, range.end).map((row, offset) => {
            const index = range.start + offset;
            return (
              <WaterfallRow
                key={row.node.span.spanId}
                row={row}
                index={index}
                top={index * rowHeight}
                height={rowHeight}
                timeWindow={timeWindow}
                selected={row.node.span.spanId === selectedSpanId}
                onSelect={onSelect}
                onToggle={toggle}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
