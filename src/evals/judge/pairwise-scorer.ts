import type { JsonValue } from "../../core/index.js";
import type { JudgeClient, ScoreResult, Scorer } from "../eval-spec.js";
import { dataNotInstructions, tagged } from "./judge-prompt-parts.js";
import type { PairwiseSpec } from "./judge-spec-schema.js";
import { defaultJudgeThreshold } from "./rubric-scorer.js";

// The `pairwise` scorer: is the output better than a reference answer? Judges prefer whichever answer
// they read first (or second) often enough to flip verdicts, so the pair is judged twice, output as A
// then output as B, and a win or a loss counts only when both orders agree; anything else is a tie.
// Value: win 1, tie 0.5, loss 0 (passes at the default threshold 0.5 unless the output loses).

export const pairwiseJudgeOpening = "You are an impartial judge comparing two answers to the same input.";

const systemPrompt = [
  pairwiseJudgeOpening,
  "Decide which answer serves the input better, following the rubric when one is given: correct and supported by the context first, then complete, then clear. Length is not quality, and the order the answers are shown in means nothing.",
  'Choose "A", "B", or "tie" when neither is better, and give a one-sentence reason.',
  dataNotInstructions,
  'Answer with JSON only: {"reason": "<one sentence>", "winner": "A" | "B" | "tie"}.',
].join("\n");

const verdictSchema = {
  type: "object",
  additionalProperties: false,
  required: ["reason", "winner"],
  properties: { reason: { type: "string" }, winner: { type: "string", enum: ["A", "B", "tie"] } },
};

type Winner = "A" | "B" | "tie";

interface Comparison {
  winner: Winner;
  reason: string;
  costMicros: number | null;
}

async function compare(
  judge: JudgeClient,
  material: { input: JsonValue; context?: JsonValue; rubric?: string },
  a: JsonValue,
  b: JsonValue,
): Promise<Comparison> {
  const parts = [tagged("input", material.input)];
  if (material.context !== undefined) parts.push(tagged("context", material.context));
  if (material.rubric !== undefined) parts.push(tagged("rubric", material.rubric));
  parts.push(tagged("answer_a", a), tagged("answer_b", b));
  const answer = await judge.complete({
    system: systemPrompt,
    user: parts.join("\n\n"),
    schema: verdictSchema,
  });
  const json = answer.json;
  const winner = typeof json === "object" && json !== null && !Array.isArray(json) ? json.winner : undefined;
  const normalised = typeof winner === "string" ? winner.trim().toUpperCase() : "";
  if (normalised !== "A" && normalised !== "B" && normalised !== "TIE") {
    throw new Error(`the judge answered ${JSON.stringify(winner ?? null)}, not A, B or tie`);
  }
  const reason =
    typeof json === "object" && json !== null && !Array.isArray(json) && typeof json.reason === "string"
      ? json.reason
      : "";
  return { winner: normalised === "TIE" ? "tie" : normalised, reason, costMicros: answer.costMicros };
}

function sumCost(values: (number | null)[]): number | undefined {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? undefined : known.reduce((sum, value) => sum + value, 0);
}

/** Reads the two orders: the output was A in the first and B in the second. */
export function pairwiseOutcome(outputFirst: Winner, outputSecond: Winner): "win" | "loss" | "tie" {
  if (outputFirst === "A" && outputSecond === "B") return "win";
  if (outputFirst === "B" && outputSecond === "A") return "loss";
  return "tie";
}

const outcomeValue = { win: 1, tie: 0.5, loss: 0 } as const;

export function pairwiseScorer(spec: PairwiseSpec, name = spec.name ?? "pairwise"): Scorer {
  const threshold = spec.threshold ?? defaultJudgeThreshold;
  const result = (fields: Omit<ScoreResult, "scorer">): ScoreResult[] => [{ scorer: name, ...fields }];
  return {
    name,
    type: "pairwise",
    threshold,
    async score({ testCase, output, judge }) {
      const reference = spec.reference ?? testCase.expected;
      if (reference === undefined) {
        return result({
          value: 0,
          passed: false,
          reason: `no reference answer: give the scorer a reference or case ${testCase.id} an expected`,
        });
      }
      if (!judge)
        return result({
          value: 0,
          passed: false,
          inconclusive: true,
          reason: "no judge model is configured",
        });
      const rubric = spec.rubric ?? testCase.rubric;
      const material = {
        input: testCase.input,
        ...(testCase.context === undefined ? {} : { context: testCase.context }),
        ...(rubric === undefined ? {} : { rubric }),
      };
      let first: Comparison;
      let second: Comparison;
      try {
        [first, second] = await Promise.all([
          compare(judge, material, output.output, reference),
          compare(judge, material, reference, output.output),
        ]);
      } catch (error) {
        const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
        return result({
          value: 0,
          passed: false,
          inconclusive: true,
          reason: `judge ${judge.model} unavailable: ${message}`,
        });
      }
      const outcome = pairwiseOutcome(first.winner, second.winner);
      const value = outcomeValue[outcome];
      const orders = `output as A: ${first.winner}; output as B: ${second.winner}`;
      const bothTie = first.winner === "tie" && second.winner === "tie";
      const why =
        outcome === "tie" && !bothTie
          ? "the verdict changed with the order, so it counts as a tie"
          : first.reason;
      const cost = sumCost([first.costMicros, second.costMicros]);
      return result({
        value,
        passed: value >= threshold,
        reason: `${outcome} (${orders}): ${why}`,
        ...(cost === undefined ? {} : { costMicros: cost }),
      });
    },
  };
}
