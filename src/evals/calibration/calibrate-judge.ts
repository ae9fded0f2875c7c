import { GantryError } from "../../core/index.js";
import type { JudgeClient } from "../eval-spec.js";
import { judgeRubric } from "../judge/judge-rubric.js";
import { type RubricSpec, rubricSpecSchema } from "../judge/judge-spec-schema.js";
import { rubricSettings } from "../judge/rubric-prompt.js";
import { type AgreementReport, agreement, type LabelPair } from "./agreement.js";
import type { LabelledItem } from "./parse-labels-file.js";

// Calibration: the rubric judge grades every labelled answer exactly as it grades eval outputs (same
// prompt, same scale) and its labels are compared with the humans'. Items the judge could not grade
// are counted as inconclusive and left out of the agreement.

export interface CalibrationItem {
  id: string;
  dimension: string;
  human: string;
  /** The judge's label; null when inconclusive. */
  judge: string | null;
  reason: string;
}

export interface CalibrationReport extends AgreementReport {
  judgeModel: string;
  dimensions: AgreementReport["dimensions"];
  items: CalibrationItem[];
  /** (item, dimension) pairs the judge could not grade. */
  inconclusive: number;
  /** Total judge spend, integer micro-USD (unknown costs count 0 here). */
  costMicros: number;
  /** Labelled dimensions the judge does not grade: set aside, not compared. */
  skippedDimensions: string[];
}

export interface CalibrateJudgeOptions {
  labels: readonly LabelledItem[];
  /** The llm-rubric spec to calibrate; default: the labels' dimensions with the default scale. */
  spec?: Partial<RubricSpec>;
  judge: JudgeClient;
  /** Items judged at once; default 4. */
  concurrency?: number;
}

function labelledDimensions(labels: readonly LabelledItem[]): string[] {
  return [...new Set(labels.flatMap((item) => Object.keys(item.human)))];
}

// Labels on a dimension the judge does not grade are set aside (reported, not compared); a label
// outside the scale on a graded dimension, or no graded dimension labelled at all, is an error.
function checkLabels(
  labels: readonly LabelledItem[],
  choices: Record<string, number>,
  dimensions: string[],
): void {
  const problems: string[] = [];
  for (const item of labels) {
    for (const [dimension, label] of Object.entries(item.human)) {
      if (dimensions.includes(dimension) && !Object.hasOwn(choices, label)) {
        problems.push(
          `item ${item.id}: ${dimension} is labelled ${JSON.stringify(label)}, not one of ${Object.keys(choices).join(", ")}`,
        );
      }
    }
  }
  if (!labelledDimensions(labels).some((dimension) => dimensions.includes(dimension))) {
    problems.push(
      `no item labels a dimension the judge grades (${dimensions.join(", ")}); labelled: ${labelledDimensions(labels).join(", ")}`,
    );
  }
  if (problems.length === 0) return;
  throw new GantryError({
    code: "EVAL_LABELS_INVALID",
    message: `Human labels do not fit the judge:\n${problems.map((problem) => `  ${problem}`).join("\n")}`,
    domain: "EVAL",
    category: "USER",
    details: { problems },
    hint: "Label each dimension with one of the judge's choices, or calibrate a spec whose dimensions and choices match the labels.",
  });
}

/** Runs the rubric judge on every labelled item and reports its agreement with the human labels. */
export async function calibrateJudge(options: CalibrateJudgeOptions): Promise<CalibrationReport> {
  const given = Object.fromEntries(
    Object.entries(options.spec ?? {}).filter(([, value]) => value !== undefined),
  );
  const spec = rubricSpecSchema.parse({
    dimensions: labelledDimensions(options.labels),
    ...given,
    type: "llm-rubric",
    name: undefined,
    threshold: undefined,
  });
  const settings = rubricSettings(spec);
  checkLabels(options.labels, settings.choices, settings.dimensions);
  const perItem: CalibrationItem[][] = [];
  let costMicros = 0;
  let next = 0;
  const worker = async () => {
    while (next < options.labels.length) {
      const index = next++;
      const item = options.labels[index]!;
      const rubric = settings.rubric ?? item.rubric;
      const judgement = await judgeRubric(options.judge, settings, {
        input: item.input,
        answer: item.output,
        ...(item.context === undefined ? {} : { context: item.context }),
        ...(item.expected === undefined ? {} : { reference: item.expected }),
        ...(rubric === undefined ? {} : { rubric }),
      });
      costMicros += judgement.costMicros ?? 0;
      perItem[index] = judgement.verdicts
        .filter((verdict) => item.human[verdict.dimension] !== undefined)
        .map((verdict) => ({
          id: item.id,
          dimension: verdict.dimension,
          human: item.human[verdict.dimension]!,
          judge: verdict.inconclusive ? null : verdict.choice!,
          reason: verdict.reason,
        }));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  const items = perItem.flat();
  const pairs: LabelPair[] = items.flatMap((item) =>
    item.judge === null ? [] : [{ dimension: item.dimension, human: item.human, judge: item.judge }],
  );
  const report = agreement(pairs, Object.keys(settings.choices));
  return {
    judgeModel: options.judge.model,
    overall: report.overall,
    dimensions: report.dimensions,
    items,
    inconclusive: items.filter((item) => item.judge === null).length,
    costMicros,
    skippedDimensions: labelledDimensions(options.labels).filter(
      (dimension) => !settings.dimensions.includes(dimension),
    ),
  };
}
