import { type CSSProperties, memo } from "react";
import type { Span } from "../../api/trace-schemas.js";
import { formatMilliseconds } from "../../format/format-milliseconds.js";
import { formatInteger, formatTokenCount } from "../../format/format-tokens.js";
import { spanTokenUsage } from "../../traces/span-attributes.js";
import { spanCategory, spanCategoryLabels } from "../../traces/span-category.js";
import type { SpanRow } from "../../traces/span-tree.js";
import { barLabelSide, spanBarGeometry, type TimeWindow } from "../../traces/waterfall-geometry.js";
import { CostText } from "./cost-text.js";
import { SpanName } from "./span-name.js";

export interface WaterfallRowProps {
  row: SpanRow<Span>;
  index: number;
  top: number;
  height: number;
  timeWindow: TimeWindow;
  selected: boolean;
  onSelect: (spanId: string) => void;
  onToggle: (spanId: string) => void;
}

// Pixels of indentation per tree level; deep traces stay readable because the name column scrolls text.
const indentPerLevel = 14;

/** The DOM id of a span's row, for aria-activedescendant. */
export function waterfallRowId(spanId: string): string {
  return `waterfall-row-${spanId}`;
}

function SpanTokens({ span }: { span: Span }) {
  const usage = spanTokenUsage(span.attributes);
  if (usage.input === undefined && usage.output === undefined) return null;
  const input = usage.input ?? 0;
  const output = usage.output ?? 0;
  return (
    <span title={`${formatInteger(input)} input · ${formatInteger(output)} output tokens`}>
      {formatTokenCount(input)} → {formatTokenCount(output)}
    </span>
  );
}

/** One span: indented name with its expand toggle, a bar on the time axis, tokens and cost. */
export const WaterfallRow = memo(function WaterfallRow({
  row,
  index,
  top,
  height,
  timeWindow,
  selected,
  onSelect,
  onToggle,
}: WaterfallRowProps) {
  const { node, expanded } = row;
  const span = node.span;
  const category = spanCategory(span);
  const failed = span.statusCode === "ERROR";
  const bar = spanBarGeometry(span, timeWindow);
  const labelSide = barLabelSide(bar);
  const hasChildren = node.children.length > 0;
  const startOffset = formatMilliseconds(span.startTimeMs - timeWindow.startMs);
  const duration = span.open
    ? `open, ${formatMilliseconds(span.durationMs)} so far`
    : formatMilliseconds(span.durationMs);
  const costShown = span.costMicros !== null || category === "chat";

  const classes = ["waterfall-row", `category-${category}`];
  if (failed) classes.push("waterfall-row-error");
  if (span.open) classes.push("waterfall-row-open");
  if (selected) classes.push("waterfall-row-selected");
  if (index % 2 === 1) classes.push("waterfall-row-odd");

  return (
    // biome-ignore lint/a11y/useFocusableInteractive: the tree holds focus; rows are its active descendants.
    // biome-ignore lint/a11y/useKeyWithClickEvents: the tree handles the keyboard for all rows.
    <div
      id={waterfallRowId(span.spanId)}
      role="treeitem"
      aria-level={node.depth + 1}
      aria-selected={selected}
      aria-expanded={hasChildren ? expanded : undefined}
      data-span-id={span.spanId}
      data-depth={node.depth}
      className={classes.join(" ")}
      style={{ top, height }}
      onClick={() => onSelect(span.spanId)}
    >
      <div
        className="waterfall-name"
        style={{ paddingLeft: 8 + node.depth * indentPerLevel, "--depth": node.depth } as CSSProperties}
      >
        {hasChildren ? (
          <button
            type="button"
            tabIndex={-1}
            className="tree-toggle"
            aria-label={`${expanded ? "Collapse" : "Expand"} ${span.name}`}
            onClick={(event) => {
              event.stopPropagation();
              onToggle(span.spanId);
            }}
          >
            <span className={expanded ? "chevron chevron-open" : "chevron"} aria-hidden="true" />
          </button>
        ) : (
          <span className="tree-toggle-spacer" />
        )}
        <span className="category-swatch" title={failed ? "error" : spanCategoryLabels[category]} />
        <SpanName name={span.name} />
        {node.orphan && (
          <span className="orphan-mark" title="Its parent span is not in this trace">
            orphan
          </span>
        )}
        {!expanded && <span className="hidden-count">+{node.descendantCount}</span>}
      </div>
      <div className="waterfall-timeline" title={`${span.name}\n${duration}, starts at +${startOffset}`}>
        <span
          className="waterfall-bar"
          data-offset-percent={bar.offsetPercent.toFixed(3)}
          data-width-percent={bar.widthPercent.toFixed(3)}
          style={{ left: `${bar.offsetPercent}%`, width: `${bar.widthPercent}%` }}
        />
        <span
          className={`waterfall-bar-label waterfall-bar-label-${labelSide}`}
          style={
            labelSide === "after"
              ? { left: `${bar.offsetPercent + bar.widthPercent}%` }
              : labelSide === "before"
                ? { right: `${100 - bar.offsetPercent}%` }
                : { right: `${100 - bar.offsetPercent - bar.widthPercent}%` }
          }
        >
          {duration}
        </span>
      </div>
      <div className="waterfall-metric">
        <SpanTokens span={span} />
      </div>
      <div className="waterfall-metric">{costShown && <CostText micros={span.costMicros} />}</div>
    </div>
  );
});
