import type { Span } from "../../api/trace-schemas.js";
import { groupAttributes, parseModelAttempts } from "../../traces/span-attributes.js";
import { spanCategory, spanCategoryLabels } from "../../traces/span-category.js";
import { CopyButton } from "../copy-button.js";
import { StatusBadge } from "../status-badge.js";
import { AttributeList } from "./attribute-list.js";
import { ModelAttemptsTable } from "./model-attempts-table.js";
import { PanelSection } from "./panel-section.js";
import { SpanEvents } from "./span-events.js";
import { SpanFacts } from "./span-facts.js";

export interface SpanPanelProps {
  span: Span;
  traceStartMs: number;
  parent: Span | null;
  onSelectSpan: (spanId: string) => void;
}

/** Everything about the selected span: facts, status, model attempts, attributes by group, events. */
export function SpanPanel({ span, traceStartMs, parent, onSelectSpan }: SpanPanelProps) {
  const category = spanCategory(span);
  const groups = groupAttributes(span.attributes);
  const attempts = parseModelAttempts(span.attributes["gantry.model.attempts"]);
  const failed = span.statusCode === "ERROR";

  return (
    <aside className="span-panel" aria-label="Span details">
      <header className="span-panel-header">
        <div className="span-panel-badges">
          <span className={`category-chip category-${category}`}>
            <span className="category-swatch" aria-hidden="true" />
            {spanCategoryLabels[category]}
          </span>
          {failed && <StatusBadge tone="danger">error</StatusBadge>}
          {span.statusCode === "OK" && <StatusBadge tone="good">ok</StatusBadge>}
        </div>
        <h2 className="span-panel-title">{span.name}</h2>
        <div className="id-line">
          <span className="id-label">Span</span>
          <code className="id-value">{span.spanId}</code>
          <CopyButton value={span.spanId} label="span id" />
        </div>
        {parent !== null && (
          <div className="id-line">
            <span className="id-label">Parent</span>
            <button type="button" className="link-button" onClick={() => onSelectSpan(parent.spanId)}>
              {parent.name}
            </button>
          </div>
        )}
      </header>

      {failed && (
        <div className="span-status-error" role="note">
          <strong>Status ERROR</strong>
          {span.statusMessage !== null && span.statusMessage !== "" && <p>{span.statusMessage}</p>}
        </div>
      )}

      <SpanFacts span={span} traceStartMs={traceStartMs} />

      {attempts !== null && (
        <PanelSection title="Model attempts" count={attempts.length}>
          <ModelAttemptsTable attempts={attempts} />
        </PanelSection>
      )}
      {groups.genAi.length > 0 && (
        <PanelSection title="GenAI" count={groups.genAi.length}>
          <AttributeList entries={groups.genAi} />
        </PanelSection>
      )}
      {groups.gantry.length > 0 && (
        <PanelSection title="Gantry" count={groups.gantry.length}>
          <AttributeList entries={groups.gantry} />
        </PanelSection>
      )}
      {groups.other.length > 0 && (
        <PanelSection title="Other attributes" count={groups.other.length}>
          <AttributeList entries={groups.other} />
        </PanelSection>
      )}
      {span.events.length > 0 && (
        <PanelSection title="Events" count={span.events.length}>
          <SpanEvents events={span.events} spanStartMs={span.startTimeMs} />
        </PanelSection>
      )}
      {groups.genAi.length + groups.gantry.length + groups.other.length === 0 && (
        <p className="muted">This span has no attributes.</p>
      )}
    </aside>
  );
}
