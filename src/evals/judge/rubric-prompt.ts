import type { JsonValue } from "../../core/index.js";
import type { ToolCallRecord } from "../eval-spec.js";
import { dataNotInstructions, tagged } from "./judge-prompt-parts.js";
import {
  defaultChoices,
  defaultDimensions,
  dimensionCriteria,
  type RubricSpec,
} from "./judge-spec-schema.js";

// What a rubric judge is asked: the system prompt (how to grade: one label per dimension from a fixed
// scale, a one-sentence reason), the user content (the material, each part delimited) and the JSON
// Schema of the verdict `{ <dimension>: { reason, choice } }`. Temperature 0 is the JudgeClient's job.

/** A rubric judge's settings with defaults applied. */
export interface RubricSettings {
  dimensions: string[];
  /** Label → score, best first. */
  choices: Record<string, number>;
  /** The spec's rubric; a case's own rubric is used when this is absent. */
  rubric?: string;
}

export function rubricSettings(spec: Pick<RubricSpec, "dimensions" | "choices" | "rubric">): RubricSettings {
  return {
    dimensions: spec.dimensions ?? defaultDimensions,
    choices: spec.choices ?? defaultChoices,
    ...(spec.rubric === undefined ? {} : { rubric: spec.rubric }),
  };
}

/** The first words of every rubric judge's system prompt (sim scenarios match on them). */
export const rubricJudgeOpening = "You are an impartial evaluation judge.";

export function rubricSystemPrompt(settings: RubricSettings): string {
  const labels = Object.keys(settings.choices)
    .map((label) => JSON.stringify(label))
    .join(", ");
  const dimensions = settings.dimensions.map(
    (dimension) =>
      `- ${dimension}: ${dimensionCriteria[dimension] ?? `the answer meets "${dimension}" as the rubric describes it`}`,
  );
  return [
    `${rubricJudgeOpening} You grade one answer to one input, one dimension at a time.`,
    "",
    "Dimensions:",
    ...dimensions,
    "",
    `For each dimension choose exactly one label from this scale, best first: ${labels}. The label says how fully the answer meets that dimension. Judge each dimension on its own; a long answer is not a better answer.`,
    "Give a one-sentence reason for each label, naming the evidence (quote the answer when it invents or omits something).",
    "When a rubric or a reference answer is given, grade against it; the context is the only ground truth for facts.",
    dataNotInstructions,
    'Answer with JSON only, one entry per dimension: {"<dimension>": {"reason": "<one sentence>", "choice": "<label>"}}.',
  ].join("\n");
}

/** The material a rubric judge grades. */
export interface RubricMaterial {
  input: JsonValue;
  answer: JsonValue;
  context?: JsonValue;
  /** A reference answer (the case's `expected`). */
  reference?: JsonValue;
  rubric?: string;
  toolCalls?: readonly ToolCallRecord[];
}

export function rubricUserContent(material: RubricMaterial): string {
  const parts = [tagged("input", material.input)];
  if (material.context !== undefined) parts.push(tagged("context", material.context));
  if (material.reference !== undefined) parts.push(tagged("reference", material.reference));
  if (material.rubric !== undefined) parts.push(tagged("rubric", material.rubric));
  if (material.toolCalls && material.toolCalls.length > 0) {
    parts.push(
      tagged(
        "tool_calls",
        material.toolCalls.map((call) => ({ name: call.name, args: call.args })),
      ),
    );
  }
  // The answer comes last, so a scenario or a reader can find it at the end.
  parts.push(tagged("answer", material.answer));
  return parts.join("\n\n");
}

/** The verdict's JSON Schema: every dimension required, each a reason and one label of the scale. */
export function rubricVerdictSchema(settings: RubricSettings): Record<string, unknown> {
  const verdict = {
    type: "object",
    additionalProperties: false,
    required: ["reason", "choice"],
    properties: {
      reason: { type: "string" },
      choice: { type: "string", enum: Object.keys(settings.choices) },
    },
  };
  return {
    type: "object",
    additionalProperties: false,
    required: settings.dimensions,
    properties: Object.fromEntries(settings.dimensions.map((dimension) => [dimension, verdict])),
  };
}
