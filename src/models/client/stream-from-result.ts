import type {
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
  SharedV3ProviderMetadata,
} from "@ai-sdk/provider";
import type { ModelCallResult } from "../model-call-spec.js";

/**
 * Replays a finished answer as a V3 stream (stream-start, response-metadata, one delta per text or
 * reasoning block, tool input then tool call, finish), for answers that were not streamed live: a
 * response-cache hit, or a cascade's cheap answer that passed its check.
 */
export function streamFromResult(
  result: ModelCallResult,
  usage: LanguageModelV3Usage,
): ReadableStream<LanguageModelV3StreamPart> {
  const parts: LanguageModelV3StreamPart[] = [{ type: "stream-start", warnings: [] }];
  parts.push({
    type: "response-metadata",
    modelId: result.modelId,
    ...(result.responseId === undefined ? {} : { id: result.responseId }),
  });
  for (const [index, item] of result.content.entries()) {
    const id = String(index);
    if (item.type === "text" || item.type === "reasoning") {
      const kind = item.type;
      const metadata = item.providerMetadata === undefined ? {} : { providerMetadata: item.providerMetadata };
      parts.push({ type: `${kind}-start`, id });
      if (item.text.length > 0) parts.push({ type: `${kind}-delta`, id, delta: item.text });
      parts.push({ type: `${kind}-end`, id, ...metadata });
    } else if (item.type === "tool-call") {
      parts.push({ type: "tool-input-start", id: item.toolCallId, toolName: item.toolName });
      parts.push({ type: "tool-input-delta", id: item.toolCallId, delta: item.input });
      parts.push({ type: "tool-input-end", id: item.toolCallId });
      parts.push(item);
    } else {
      parts.push(item);
    }
  }
  parts.push({
    type: "finish",
    finishReason: result.finishReason,
    usage,
    ...(result.providerMetadata === undefined
      ? {}
      : { providerMetadata: result.providerMetadata as SharedV3ProviderMetadata }),
  });
  return new ReadableStream({
    pull(controller) {
      const part = parts.shift();
      if (part === undefined) controller.close();
      else controller.enqueue(part);
    },
  });
}

/** The V3 usage shape of a normalised usage, for a replayed stream's finish part. */
export function v3Usage(usage: ModelCallResult["usage"]): LanguageModelV3Usage {
  return {
    inputTokens: {
      total: usage.input + usage.cacheRead + usage.cacheWrite + usage.cacheWrite1h,
      noCache: usage.input,
      cacheRead: usage.cacheRead,
      cacheWrite: usage.cacheWrite + usage.cacheWrite1h,
    },
    outputTokens: { total: usage.output + usage.reasoning, text: usage.output, reasoning: usage.reasoning },
  };
}
