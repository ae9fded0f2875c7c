import type { JsonValue } from "../../core/index.js";
import type { JudgeClient } from "../eval-spec.js";
import {
  type RubricMaterial,
  type RubricSettings,
  rubricSystemPrompt,
  rubricUserContent,
  rubricVerdictSchema,
} from "./rubric-prompt.js";

// One rubric judgement: ask the judge, read one label per dimension and map it to its score. A
// missing judge, a failed call, an answer that is not an object, or a label outside the scale makes
// that dimension inconclusive — never a pass, never a fail. The rubric scorer and judge calibration
// both judge through here, so what is calibrated is what gates.

export interface DimensionVerdict {
  dimension: string;
  /** The label the judge chose (canonical spelling); absent when inconclusive. */
  choice?: string;
  /** The label's score; absent when inconclusive. */
  score?: number;
  reason: string;
  inconclusive: boolean;
}

export interface RubricJudgement {
  verdicts: DimensionVerdict[];
  /** What the judge call cost; null when unknown or not called. */
  costMicros: number | null;
}

function inconclusive(
  settings: RubricSettings,
  reason: string,
  costMicros: number | null = null,
): RubricJudgement {
  return {
    verdicts: settings.dimensions.map((dimension) => ({ dimension, reason, inconclusive: true })),
    costMicros,
  };
}

function isRecord(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Labels are matched ignoring case, surrounding space and quotes, so "Mostly" counts as "mostly".
function canonicalLabel(choice: JsonValue | undefined, settings: RubricSettings): string | undefined {
  if (typeof choice !== "string") return undefined;
  const wanted = choice
    .trim()
    .replace(/^["']|["']$/g, "")
    .toLowerCase();
  return Object.keys(settings.choices).find((label) => label.toLowerCase() === wanted);
}

function readVerdict(
  dimension: string,
  entry: JsonValue | undefined,
  settings: RubricSettings,
): DimensionVerdict {
  if (!isRecord(entry)) {
    return { dimension, reason: `the judge gave no verdict for ${dimension}`, inconclusive: true };
  }
  const reason = typeof entry.reason === "string" ? entry.reason.trim() : "";
  const choice = canonicalLabel(entry.choice, settings);
  if (choice === undefined) {
    return {
      dimension,
      reason: `the judge answered ${JSON.stringify(entry.choice ?? null)} for ${dimension}, not one of ${Object.keys(settings.choices).join(", ")}`,
      inconclusive: true,
    };
  }
  return { dimension, choice, score: settings.choices[choice]!, reason, inconclusive: false };
}

/** Asks `judge` to grade `material` on every dimension of `settings`. */
export async function judgeRubric(
  judge: JudgeClient | undefined,
  settings: RubricSettings,
  material: RubricMaterial,
): Promise<RubricJudgement> {
  if (!judge)
    return inconclusive(settings, "no judge model is configured (evals.judge.model or the suite's judge)");
  let answer: { json: JsonValue; costMicros: number | null };
  try {
    answer = await judge.complete({
      system: rubricSystemPrompt(settings),
      user: rubricUserContent(material),
      schema: rubricVerdictSchema(settings),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return inconclusive(settings, `judge ${judge.model} unavailable: ${message}`);
  }
  if (!isRecord(answer.json)) {
    return inconclusive(
      settings,
      `judge ${judge.model} answered something other than a JSON object`,
      answer.costMicros,
    );
  }
  const verdict = answer.json;
  return {
    verdicts: settings.dimensions.map((dimension) => readVerdict(dimension, verdict[dimension], settings)),
    costMicros: answer.costMicros,
  };
}
