import type { ReactNode } from "react";

/** One headline number of a page header: a small label over a large value. */
export function StatTile({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="stat-tile">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
