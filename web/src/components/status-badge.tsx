import type { ReactNode } from "react";

import type { BadgeTone } from "./badge-tone.js";

export type { BadgeTone };

/** A short pill-shaped label, coloured by meaning rather than decoration. */
export function StatusBadge({ tone, children }: { tone: BadgeTone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
