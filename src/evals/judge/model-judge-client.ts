import { GantryError, type JsonValue } from "../../core/index.js";
import type { ModelClient } from "../../models/index.js";
import { parseJsonOutput } from "../../prompts/index.js";
import type { JudgeClient } from "../eval-spec.js";

// A JudgeClient on the workspace's model client: structured output with the verdict schema,
// temperature 0 and a fixed seed, so the same material gets the same verdict where the provider
// allows it. A provider failure propagates (the scorers turn it into an inconclusive result).

export function modelJudgeClient(modelClient: ModelClient, model: string): JudgeClient {
  return {
    model,
    async complete({ system, user, schema }) {
      const result = await modelClient.generate({
        model,
        prompt: [
          { role: "system", content: system },
          { role: "user", content: [{ type: "text", text: user }] },
        ],
        responseFormat: { type: "json", schema: schema as never, name: "verdict" },
        temperature: 0,
        seed: 0,
      });
      const text = result.content
        .filter((part) => part.type === "text")
        .map((part) => part.text)
        .join("");
      const parsed = parseJsonOutput(text);
      if (parsed === undefined) {
        throw new GantryError({
          code: "EVAL_JUDGE_UNPARSEABLE",
          message: `Judge ${model} did not answer JSON: ${text.slice(0, 120)}`,
          domain: "EVAL",
          category: "MODEL_BEHAVIOR",
          details: { model, text: text.slice(0, 500) },
          hint: "Use a judge model that supports structured output, or check the judge's scenario rules on the sim model.",
        });
      }
      return { json: parsed.value as JsonValue, costMicros: result.cost.micros };
    },
  };
}
