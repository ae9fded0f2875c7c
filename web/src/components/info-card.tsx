import { type ReactNode, useId } from "react";

export interface InfoCardProps {
  title: string;
  /** Wide cards span the whole row of the grid. */
  wide?: boolean;
  children: ReactNode;
}

/** A titled panel of the overview; a labelled region so tests and screen readers can find it by name. */
export function InfoCard({ title, wide = false, children }: InfoCardProps) {
  const titleId = useId();
  return (
    <section className={wide ? "card card-wide" : "card"} aria-labelledby={titleId}>
      <h2 id={titleId} className="card-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** One label/value row of a card's definition list. */
export function InfoRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="info-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
