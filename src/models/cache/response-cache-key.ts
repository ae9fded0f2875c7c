import { hashJson } from "../../core/index.js";
import type { ModelRequest } from "../model-call-spec.js";
import { jsonSafe } from "./json-safe.js";

// Bump when the key's shape changes, so old entries are never read under the new meaning.
const keyVersion = 1;

/**
 * The exact-match cache key: sha256 of the canonical JSON of everything that shapes the answer —
 * the candidate model ids (in order), prompt, tools, tool choice, response format, temperature,
 * topP, topK, presence and frequency penalties, maxOutputTokens, seed, stop sequences and provider
 * options. Left out because they do not change the answer: the abort signal, headers,
 * `includeRawChunks`, and Gantry's own `model`, `taskProfile` and `noCache` (routing already
 * turned them into the candidate ids).
 */
export function responseCacheKey(request: ModelRequest, modelIds: readonly string[]): string {
  return hashJson(
    jsonSafe({
      keyVersion,
      modelIds,
      prompt: request.prompt,
      tools: request.tools,
      toolChoice: request.toolChoice,
      responseFormat: request.responseFormat,
      temperature: request.temperature,
      topP: request.topP,
      topK: request.topK,
      presencePenalty: request.presencePenalty,
      frequencyPenalty: request.frequencyPenalty,
      maxOutputTokens: request.maxOutputTokens,
      seed: request.seed,
      stopSequences: request.stopSequences,
      providerOptions: request.providerOptions,
    }),
  );
}
