import type { JsonValue } from "../../core/index.js";
import type { ModelClient, ModelRequest } from "../../models/index.js";
import { parseJsonOutput } from "../../prompts/index.js";
import type { CaseOutput } from "../eval-spec.js";
import type { TrialContext } from "./eval-deps.js";

export interface ModelQuestion {
  model?: string;
  system?: string;
  user: string;
  /** Ask for JSON (with this schema when it is an object); the answer is then parsed. */
  json?: Record<string, unknown> | true;
  promptRef?: ModelRequest["promptRef"];
}

/**
 * One model call of a prompt or model target, shaped as a case output (without latency and trace).
 * Without `cache` the response cache is bypassed; with it, the trial number travels as a provider
 * option no provider reads, so each trial has its own cache entry and a re-run replays every trial.
 */
export async function askModel(
  client: ModelClient,
  question: ModelQuestion,
  context: TrialContext,
): Promise<Omit<CaseOutput, "latencyMs">> {
  const result = await client.generate({
    ...(question.model ? { model: question.model } : {}),
    prompt: [
      ...(question.system ? [{ role: "system" as const, content: question.system }] : []),
      { role: "user", content: [{ type: "text", text: question.user }] },
    ],
    ...(question.json
      ? {
          responseFormat:
            question.json === true
              ? { type: "json" as const }
              : { type: "json" as const, schema: question.json as never },
        }
      : {}),
    temperature: 0,
    ...(question.promptRef ? { promptRef: question.promptRef } : {}),
    ...(context.cache ? { providerOptions: { gantryEval: { trial: context.trial } } } : { noCache: true }),
  });
  const text = result.content
    .filter((part) => part.type === "text")
    .map((part) => part.text)
    .join("");
  const parsed: JsonValue | undefined = question.json ? parseJsonOutput(text)?.value : undefined;
  return {
    output: parsed ?? text,
    text,
    toolCalls: [],
    costMicros: result.cost.micros,
    finishReason: result.finishReason.unified,
  };
}
