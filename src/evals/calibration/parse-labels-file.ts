import { z } from "zod";
import { describeYamlIssues, type JsonValue } from "../../core/index.js";
import { requiredJson } from "../datasets/eval-case-schema.js";
import { invalidEvalFile, zodPathIssues } from "../datasets/eval-file-problems.js";
import { locateRecordList } from "../datasets/parse-dataset-file.js";

// Human-labelled judge examples (`evals/judge-labels.yaml` or `.jsonl`): an answer to an input and the
// label a person chose for it on each dimension. `gantry eval calibrate` asks the judge the same
// question and reports how often it agrees.

export interface LabelledItem {
  id: string;
  input: JsonValue;
  /** The answer being graded. */
  output: JsonValue;
  context?: JsonValue;
  rubric?: string;
  /** A reference answer, shown to the judge as for a case's `expected`. */
  expected?: JsonValue;
  /** Dimension → the label a person chose (`fully`, `not at all`…). */
  human: Record<string, string>;
}

const itemSchema = z.strictObject({
  id: z.string().min(1, "an item id"),
  input: requiredJson("the input the answer was given to"),
  output: requiredJson("the answer being graded"),
  context: z.json().optional(),
  rubric: z.string().min(1).optional(),
  expected: z.json().optional(),
  human: z
    .record(z.string().regex(/^[a-z][a-z0-9_]*$/, "a dimension name"), z.string().min(1, "a label"))
    .refine((human) => Object.keys(human).length > 0, "at least one dimension's label"),
});

const itemListSchema = z.array(itemSchema).superRefine((items, context) => {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id))
      context.addIssue({
        code: "custom",
        path: [index, "id"],
        message: `"${item.id}" is used by an earlier item; ids must be unique`,
      });
    seen.add(item.id);
  });
});

const hint =
  "A labels file is a list (or items: [...]) of { id, input, output, context?, rubric?, human: { <dimension>: <label> } }.";

/** Parses a labels file (YAML list or `{ items: [...] }`, or JSONL); throws EVAL_LABELS_INVALID naming file:line. */
export function parseLabelsFile(source: string, file: string): LabelledItem[] {
  const invalid = (problems: string[]) =>
    invalidEvalFile({ code: "EVAL_LABELS_INVALID", what: "judge labels file", file, problems, hint });
  const list = locateRecordList(source, file, "items");
  if ("problems" in list) throw invalid(list.problems);
  const parsed = itemListSchema.safeParse(list.records);
  if (!parsed.success) {
    throw invalid(describeYamlIssues(list.located, zodPathIssues(parsed.error, list.prefix)));
  }
  if (parsed.data.length === 0) throw invalid([`${file}  (file): no items`]);
  return parsed.data.map(
    (item) =>
      Object.fromEntries(
        Object.entries(item).filter(([, value]) => value !== undefined),
      ) as unknown as LabelledItem,
  );
}
