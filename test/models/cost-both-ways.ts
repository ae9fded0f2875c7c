import type { LanguageModelV3, LanguageModelV3Prompt } from "@ai-sdk/provider";
import { type CallAccounting, costOfCall, type PriceCatalog } from "../../src/models/index.js";
import { type Replay, type ReplayServer, readFinishPart } from "../support/replay-server.js";

// The pricing wire tests check that a response costs the same streamed and unstreamed: these run one
// replayed response through a real provider both ways, then cost each result as the model client does.

type GenerateResult = Awaited<ReturnType<LanguageModelV3["doGenerate"]>>;
type FinishPart = Awaited<ReturnType<typeof readFinishPart>>;

export interface BothWays {
  generated: GenerateResult;
  finish: FinishPart;
}

/** Replays `replay` and calls `model` unstreamed, then streamed, returning the result and the finish part. */
export async function callBothWays(
  server: ReplayServer,
  model: LanguageModelV3,
  prompt: LanguageModelV3Prompt,
  replay: Replay,
): Promise<BothWays> {
  server.replay(replay);
  const generated = await model.doGenerate({ prompt });
  const finish = await readFinishPart((await model.doStream({ prompt })).stream);
  return { generated, finish };
}

/** Costs the streamed and the unstreamed usage of one response with `costOfCall`. */
export function costBothWays(
  catalog: PriceCatalog,
  modelId: string,
  provider: string,
  { generated, finish }: BothWays,
): { streamed: CallAccounting; unstreamed: CallAccounting } {
  return {
    streamed: costOfCall(catalog, modelId, provider, finish.usage, finish.providerMetadata),
    unstreamed: costOfCall(catalog, modelId, provider, generated.usage, generated.providerMetadata),
  };
}
