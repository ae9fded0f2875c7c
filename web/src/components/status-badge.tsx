import type { ReactNode } from "react";

export type BadgeTone = "good" | "warning" | "danger" | "neutral" | "accent";

/** A short pill-shaped label, coloured by meaning rather than decoration. */
export function StatusBadge({ tone, children }: { tone: BadgeTone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
