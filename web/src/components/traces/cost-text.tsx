import { costTooltip, formatCost } from "../../format/format-cost.js";

/** A cost in dollars with its exact amount on hover; an unknown cost shows `—` and says why. */
export function CostText({ micros }: { micros: number | null }) {
  return (
    <span className={micros === null ? "cost cost-unknown" : "cost"} title={costTooltip(micros)}>
      {formatCost(micros)}
    </span>
  );
}
