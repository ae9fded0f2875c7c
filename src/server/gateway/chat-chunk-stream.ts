import type { LanguageModelV3FinishReason, LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { GantryError } from "../../core/index.js";
import type { ModelCallResult, ModelStreamResult } from "../../models/index.js";
import { openAiFinishReason } from "./finish-reason.js";
import { describeRoute, summariseAttempts } from "./gateway-headers.js";
import { openAiErrorBody } from "./openai-error.js";
import { openAiUsage } from "./openai-usage.js";

/** What every chunk of one response repeats. */
export interface ChunkIdentity {
  id: string;
  createdSeconds: number;
  /** The model named in chunks (`provider:model` once failover has chosen it). */
  model: string;
  includeUsage: boolean;
}

/** What the end-of-stream summary says: the facts that headers carry on a plain response. */
export interface StreamSummary {
  model: string;
  attempts: number;
  attempts_detail: ReturnType<typeof summariseAttempts>;
  cost_micros: number | null;
  cost_source: ModelCallResult["cost"]["source"];
  route: string;
  cache: "hit" | "miss";
}

const encoder = new TextEncoder();

/** The Gantry summary of a finished call, sent at the end of a stream (headers were sent long before). */
export function streamSummary(result: ModelCallResult): StreamSummary {
  return {
    model: result.modelId,
    attempts: result.attempts.length,
    attempts_detail: summariseAttempts(result.attempts),
    cost_micros: result.cost.micros,
    cost_source: result.cost.source,
    route: describeRoute(result.route),
    cache: result.cached ? "hit" : "miss",
  };
}

/** A failure after the response started, as the error the client will read in the stream. */
export function streamFailure(thrown: unknown): GantryError {
  if (GantryError.isInstance(thrown)) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new GantryError({
    code: "MODEL_STREAM_INTERRUPTED",
    message: `The model's stream failed after it started: ${message}`,
    domain: "MODEL",
    category: "THIRD_PARTY",
    cause: thrown,
    hint: "The answer is incomplete; retry the request.",
  });
}

/**
 * A Gantry model stream as OpenAI's SSE: a role chunk, content and tool-call deltas, a chunk with the
 * finish reason, a usage chunk when asked for (with an `x_gantry` summary), an `: x-gantry {…}`
 * comment with the same summary, then `data: [DONE]`.
 *
 * A stream that fails once started (cut upstream, malformed chunk, failed accounting) ends with an
 * `event: error` whose data is OpenAI's error body, and **no** `[DONE]`: the official clients raise
 * an APIError on it, and a client that only watches for `[DONE]` still sees the answer is incomplete.
 */
export function chatChunkStream(
  source: ModelStreamResult,
  identity: ChunkIdentity,
  onError: (error: GantryError) => void = () => {},
): ReadableStream<Uint8Array> {
  const reader = source.stream.getReader();
  const toolIndexes = new Map<string, number>();
  let finishReason: LanguageModelV3FinishReason | undefined;
  let finished = false;

  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    data({
      id: identity.id,
      object: "chat.completion.chunk",
      created: identity.createdSeconds,
      model: identity.model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(identity.includeUsage ? { usage: null } : {}),
    });

  const toolStart = (id: string, name: string, args: string) => {
    const index = toolIndexes.size;
    toolIndexes.set(id, index);
    return chunk({ tool_calls: [{ index, id, type: "function", function: { name, arguments: args } }] });
  };

  // Returns the SSE text for one part; `undefined` for parts OpenAI's format has no place for.
  const translate = (part: LanguageModelV3StreamPart): string | undefined => {
    switch (part.type) {
      case "text-delta":
        return part.delta.length > 0 ? chunk({ content: part.delta }) : undefined;
      case "tool-input-start":
        return part.providerExecuted ? undefined : toolStart(part.id, part.toolName, "");
      case "tool-input-delta": {
        const index = toolIndexes.get(part.id);
        if (index === undefined || part.delta.length === 0) return undefined;
        return chunk({ tool_calls: [{ index, function: { arguments: part.delta } }] });
      }
      case "tool-call":
        // Providers that stream tool input have sent it already; others deliver the call whole.
        if (toolIndexes.has(part.toolCallId) || part.providerExecuted) return undefined;
        return toolStart(part.toolCallId, part.toolName, part.input);
      case "finish":
        finishReason = part.finishReason;
        return undefined;
      case "error":
        throw part.error;
      default:
        return undefined;
    }
  };

  const fail = (controller: ReadableStreamDefaultController<Uint8Array>, thrown: unknown) => {
    const error = streamFailure(thrown);
    onError(error);
    controller.enqueue(encoder.encode(`event: error\n${data(openAiErrorBody(error))}`));
    controller.close();
    finished = true;
    reader.cancel(error).catch(() => {});
    // The result rejects with the same failure; it has been reported above.
    source.result.catch(() => {});
  };

  const end = async (controller: ReadableStreamDefaultController<Uint8Array>) => {
    const result = await source.result;
    const summary = streamSummary(result);
    const reason = openAiFinishReason(finishReason ?? result.finishReason);
    let text = chunk({}, reason);
    if (identity.includeUsage) {
      text += data({
        id: identity.id,
        object: "chat.completion.chunk",
        created: identity.createdSeconds,
        model: identity.model,
        choices: [],
        usage: openAiUsage(result.usage),
        x_gantry: summary,
      });
    }
    text += `: x-gantry ${JSON.stringify(summary)}\n\ndata: [DONE]\n\n`;
    controller.enqueue(encoder.encode(text));
    controller.close();
    finished = true;
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(chunk({ role: "assistant", content: "" })));
    },
    async pull(controller) {
      try {
        // Read until something is sent, so each pull makes progress for the HTTP layer.
        while (!finished) {
          const next = await reader.read();
          if (next.done) return await end(controller);
          const text = translate(next.value);
          if (text !== undefined) return controller.enqueue(encoder.encode(text));
        }
      } catch (thrown) {
        if (!finished) fail(controller, thrown);
      }
    },
    async cancel(reason) {
      // The client went away: stop the model call (and its billing) too.
      finished = true;
      source.result.catch(() => {});
      await reader.cancel(reason);
    },
  });
}

function data(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}
