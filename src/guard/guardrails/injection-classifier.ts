import { injectionClassifierFailed } from "./guardrail-errors.js";
import { type InjectionSignal, scoreInjection } from "./score-injection.js";

// A pluggable second opinion on prompt injection (a fine-tuned classifier, a guard model behind an HTTP
// endpoint), combined with the heuristic. Both are probabilistic defence in depth.

export interface InjectionClassifier {
  /** Named in findings and errors. */
  readonly name: string;
  /** 0..1: how likely the text is an injection attempt. */
  classify(text: string): Promise<{ score: number }>;
}

export interface AssessInjectionOptions {
  classifier?: InjectionClassifier;
  /** How the two scores combine: `max` (default: either can flag) or `mean` (both must lean the same way). */
  combine?: "max" | "mean";
  /** When the classifier throws: false (default) uses the heuristic alone, true throws GUARDRAIL_CLASSIFIER_FAILED. */
  failClosed?: boolean;
}

export interface InjectionAssessment {
  score: number;
  heuristicScore: number;
  /** Absent without a classifier, or when it failed (then `classifierError` says why). */
  classifierScore?: number;
  classifierError?: string;
  signals: InjectionSignal[];
}

/** The heuristic score, combined with the classifier's when one is given. */
export async function assessInjection(
  text: string,
  options: AssessInjectionOptions = {},
): Promise<InjectionAssessment> {
  const heuristic = scoreInjection(text);
  const { classifier } = options;
  if (classifier === undefined) {
    return { score: heuristic.score, heuristicScore: heuristic.score, signals: heuristic.signals };
  }
  let classifierScore: number;
  try {
    const result = await classifier.classify(text);
    classifierScore = result.score;
    if (!(classifierScore >= 0 && classifierScore <= 1)) {
      throw new Error(`returned score ${String(classifierScore)}, not a number within 0..1`);
    }
  } catch (error) {
    if (options.failClosed === true) throw injectionClassifierFailed(classifier.name, error);
    return {
      score: heuristic.score,
      heuristicScore: heuristic.score,
      classifierError: error instanceof Error ? error.message : String(error),
      signals: heuristic.signals,
    };
  }
  const score =
    options.combine === "mean"
      ? (heuristic.score + classifierScore) / 2
      : Math.max(heuristic.score, classifierScore);
  const signals = [
    ...heuristic.signals,
    { kind: `injection.classifier.${classifier.name}`, score: classifierScore },
  ];
  return { score, heuristicScore: heuristic.score, classifierScore, signals };
}
