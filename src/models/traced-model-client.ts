import { spanNames, splitModelId, type Telemetry } from "../telemetry/index.js";
import type { ModelCallResult, ModelClient, ModelRequest, ModelStreamResult } from "./model-call-spec.js";

/**
 * Wraps a model client so every call is one `chat {model}` span (CLIENT) carrying the GenAI request
 * attributes, then the chosen model, usage, cost and every attempt. The span covers a stream until it
 * ends, so a streamed call's usage and cost land on its span like a plain call's.
 */
export function tracedModelClient(
  client: ModelClient,
  telemetry: Telemetry,
  defaultModel: string,
): ModelClient {
  const requestInput = (request: ModelRequest, stream: boolean) => ({
    model: request.model ?? defaultModel,
    stream,
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.maxOutputTokens === undefined ? {} : { maxTokens: request.maxOutputTokens }),
    ...(request.topP === undefined ? {} : { topP: request.topP }),
    ...(request.seed === undefined ? {} : { seed: request.seed }),
    ...(request.promptRef === undefined ? {} : { prompt: request.promptRef }),
  });
  const record = (span: Parameters<Telemetry["recordChatResult"]>[0], result: ModelCallResult) => {
    // The span was named after what the caller asked for (maybe a tier); name it after what answered.
    span.updateName(spanNames.chat(splitModelId(result.modelId).model));
    telemetry.recordChatResult(span, {
      responseModel: result.modelId,
      ...(result.responseId ? { responseId: result.responseId } : {}),
      finishReasons: [result.finishReason.unified],
      usage: result.usage,
      cost: result.cost,
      attempts: result.attempts,
      cached: result.cached,
    });
  };

  return {
    languageModel: (modelId) => client.languageModel(modelId),
    generate: (request) =>
      telemetry.startChatSpan(
        requestInput(request, false),
        async (span) => {
          const result = await client.generate(request);
          record(span, result);
          return result;
        },
        request.abortSignal ? { signal: request.abortSignal } : {},
      ),
    stream: (request) =>
      new Promise<ModelStreamResult>((resolve, reject) => {
        telemetry
          .startChatSpan(requestInput(request, true), async (span) => {
            let streamed: ModelStreamResult;
            try {
              streamed = await client.stream(request);
            } catch (error) {
              reject(error);
              throw error;
            }
            resolve(streamed);
            // The caller reads the stream; the span stays open until its result settles.
            record(span, await streamed.result);
          })
          // The caller sees the same failure through `result`; the span already recorded it.
          .catch(() => {});
      }),
  };
}
