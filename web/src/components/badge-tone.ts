/** The colours a status badge can take (see status-badge.tsx). */
export type BadgeTone = "good" | "warning" | "danger" | "neutral" | "accent";
