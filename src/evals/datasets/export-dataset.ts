import { stringify } from "yaml";
import type { Dataset } from "../eval-spec.js";

// Writes a dataset back to a file format `parseDatasetFile` reads: JSONL (one case per line) or YAML
// (`cases:` under a comment naming the version), so export → import round-trips to the same hash.

export type DatasetFormat = "jsonl" | "yaml";

export function exportDataset(dataset: Dataset, format: DatasetFormat): string {
  if (format === "jsonl") return dataset.cases.map((testCase) => `${JSON.stringify(testCase)}\n`).join("");
  const header = `# Dataset ${dataset.name}, version ${dataset.hash.slice(0, 12)} (${dataset.cases.length} case${dataset.cases.length === 1 ? "" : "s"})\n`;
  return header + stringify({ cases: dataset.cases }, { lineWidth: 0 });
}
