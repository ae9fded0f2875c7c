import { type ReactNode, useId } from "react";

export interface PanelSectionProps {
  title: string;
  /** Shown after the title, e.g. how many attributes the section holds. */
  count?: number;
  children: ReactNode;
}

/** A titled part of the span panel, a labelled region so it can be found by name. */
export function PanelSection({ title, count, children }: PanelSectionProps) {
  const titleId = useId();
  return (
    <section className="panel-section" aria-labelledby={titleId}>
      <h3 id={titleId} className="panel-section-title">
        {title}
        {count !== undefined && <span className="panel-section-count">{count}</span>}
      </h3>
      {children}
    </section>
  );
}
