import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
} from "@ai-sdk/provider";
import { GantryError } from "../../core/index.js";
import { isContentPart, isUnexplainedFinish } from "./collect-stream-content.js";

/** A stream that delivered its first content (or finished): from here on it is never re-sent. */
export interface CommittedStream {
  reader: ReadableStreamDefaultReader<LanguageModelV3StreamPart>;
  /** Parts read before committing, the first content part (or the finish) last; not yet passed on. */
  buffered: LanguageModelV3StreamPart[];
  response: Omit<LanguageModelV3StreamResult, "stream">;
}

/**
 * Opens a stream and reads it until the first content part or the finish, holding back what it reads.
 * Anything that fails before that point (an HTTP error when opening, an `error` part, the stream
 * erroring or ending early) is thrown, so the failover policy can retry it: the caller has seen nothing.
 */
export async function openStreamUntilContent(
  model: LanguageModelV3,
  options: LanguageModelV3CallOptions & { abortSignal: AbortSignal },
): Promise<CommittedStream> {
  const { stream, ...response } = await model.doStream(options);
  const reader = stream.getReader();
  const signal = options.abortSignal;
  // If the attempt is abandoned (timeout, caller abort) while we wait for content, release the provider.
  const onAbort = () => void reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener("abort", onAbort, { once: true });
  const buffered: LanguageModelV3StreamPart[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) throw emptyStreamError(model, "the stream ended before any content or finish");
      if (value.type === "error") throw value.error;
      if (value.type === "finish" && isUnexplainedFinish(value))
        throw emptyStreamError(model, "the stream ended without content and without a finish reason");
      buffered.push(value);
      if (value.type === "finish" || isContentPart(value)) return { reader, buffered, response };
    }
  } catch (error) {
    reader.cancel(error).catch(() => undefined);
    throw error;
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

function emptyStreamError(model: LanguageModelV3, what: string): GantryError {
  return new GantryError({
    code: "MODEL_STREAM_EMPTY",
    domain: "MODEL",
    category: "THIRD_PARTY",
    message: `${model.provider}/${model.modelId}: ${what}.`,
    hint: "Nothing was delivered, so the request is retried or sent to the next candidate.",
  });
}
