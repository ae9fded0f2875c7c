import { type SpanCategory, spanCategoryLabels } from "../../traces/span-category.js";

const legendCategories: readonly SpanCategory[] = ["agent", "chat", "tool", "workflow"];

/** What the bar colours mean. */
export function WaterfallLegend() {
  return (
    <ul className="waterfall-legend" aria-label="Bar colours">
      {legendCategories.map((category) => (
        <li key={category} className={`category-${category}`}>
          <span className="category-swatch" aria-hidden="true" />
          {spanCategoryLabels[category]}
        </li>
      ))}
      <li className="waterfall-row-error">
        <span className="category-swatch" aria-hidden="true" />
        error
      </li>
    </ul>
  );
}
