import type { LanguageModelV3StreamPart, SharedV3ProviderMetadata } from "@ai-sdk/provider";
import type { ModelCallResult } from "../model-call-spec.js";
import { toLanguageModelUsage } from "./language-model-usage.js";

/**
 * Replays a (cached) result as a V3 stream: `stream-start`, `response-metadata`, each text and
 * reasoning part as start/delta/end (one delta each), tool calls and other parts as they are, then
 * `finish` with the stored usage and finish reason. Lets a streamed request be answered from the cache.
 */
export function streamFromCachedResult(result: ModelCallResult): ReadableStream<LanguageModelV3StreamPart> {
  const parts: LanguageModelV3StreamPart[] = [{ type: "stream-start", warnings: [] }];
  parts.push({
    type: "response-metadata",
    modelId: result.modelId,
    ...(result.responseId === undefined ? {} : { id: result.responseId }),
  });
  result.content.forEach((part, index) => {
    const id = String(index);
    switch (part.type) {
      case "text":
        parts.push(
          { type: "text-start", id, ...metadataOf(part.providerMetadata) },
          { type: "text-delta", id, delta: part.text },
          { type: "text-end", id },
        );
        break;
      case "reasoning":
        parts.push(
          { type: "reasoning-start", id, ...metadataOf(part.providerMetadata) },
          { type: "reasoning-delta", id, delta: part.text },
          { type: "reasoning-end", id },
        );
        break;
      default:
        // tool-call, tool-result, tool-approval-request, file and source are stream parts as they are.
        parts.push(part);
    }
  });
  parts.push({
    type: "finish",
    usage: toLanguageModelUsage(result.usage),
    finishReason: result.finishReason,
    ...metadataOf(result.providerMetadata as SharedV3ProviderMetadata | undefined),
  });
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}

function metadataOf(providerMetadata: SharedV3ProviderMetadata | undefined) {
  return providerMetadata === undefined ? {} : { providerMetadata };
}
