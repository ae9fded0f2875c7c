import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import type { ModelCallResult } from "../model-call-spec.js";
import type { AttemptEnding, OpenAttempt } from "./attempt-ledger.js";
import { raceAbort } from "./attempt-signal.js";
import {
  deliveredCharacters,
  isContentPart,
  isUnexplainedFinish,
  StreamContentCollector,
} from "./collect-stream-content.js";
import { streamInterruptedError } from "./model-call-errors.js";
import type { CommittedStream } from "./open-stream-until-content.js";

export interface RelayOptions {
  committed: CommittedStream;
  attempt: OpenAttempt;
  callerSignal?: AbortSignal | undefined;
  /**
   * Turns the finished stream into the call's result; it must finish `attempt` with `success`
   * (with usage and cost) before it reads the ledger's attempts.
   */
  complete: (collected: StreamContentCollector, warnings: string[]) => Promise<ModelCallResult>;
}

/**
 * Passes a committed stream on to the caller, part by part, and settles its result. Once content has
 * been delivered, a stream that errors, ends without a finish part, or finishes without a reason
 * errors with MODEL_STREAM_INTERRUPTED and is never re-sent. An `error` part (a chunk that did not
 * parse) is passed on and noted as a warning on the attempt; it only counts as an interruption if the
 * stream then ends without a proper finish.
 */
export function relayCommittedStream(options: RelayOptions): {
  stream: ReadableStream<LanguageModelV3StreamPart>;
  result: Promise<ModelCallResult>;
} {
  const { committed, attempt } = options;
  const collector = new StreamContentCollector();
  const warnings: string[] = [];
  let characters = 0;
  let contentDelivered = false;
  let finished = false;
  let settled = false;
  let resolveResult!: (result: ModelCallResult) => void;
  let rejectResult!: (error: unknown) => void;
  const result = new Promise<ModelCallResult>((resolve, reject) => {
    resolveResult = resolve;
    rejectResult = reject;
  });
  // A caller that only reads the stream must not get an unhandled rejection from `result`.
  result.catch(() => undefined);

  const fail = (error: unknown, ending: AttemptEnding) => {
    if (settled) return;
    settled = true;
    attempt.finish(ending);
    rejectResult(error);
  };
  const interrupt = (
    controller: ReadableStreamDefaultController<LanguageModelV3StreamPart>,
    reason: string,
    cause?: unknown,
  ) => {
    const error = streamInterruptedError({
      modelId: attempt.modelId,
      attempt: attempt.number,
      deliveredCharacters: characters,
      reason,
      cause,
    });
    fail(error, {
      outcome: "error",
      error: { code: error.code, message: error.message, retryable: false },
      cooldown: "count",
      ...(warnings.length > 0 ? { warnings } : {}),
    });
    controller.error(error);
    committed.reader.cancel(error).catch(() => undefined);
  };

  const stream = new ReadableStream<LanguageModelV3StreamPart>(
    {
      async pull(controller) {
        let part: LanguageModelV3StreamPart;
        const next = committed.buffered.shift();
        if (next !== undefined) part = next;
        else {
          let read: Awaited<ReturnType<typeof committed.reader.read>>;
          try {
            // The provider got the caller's signal too, but one that ignores it must not hold the reader.
            const reading = committed.reader.read();
            read = await (options.callerSignal === undefined
              ? reading
              : raceAbort(reading, options.callerSignal));
          } catch (error) {
            if (options.callerSignal?.aborted === true) {
              const reason = options.callerSignal.reason;
              fail(reason, {
                outcome: "aborted",
                error: { code: "ABORTED", message: "the caller aborted the stream", retryable: false },
                cooldown: "ignore",
              });
              controller.error(reason);
              committed.reader.cancel(reason).catch(() => undefined);
              return;
            }
            interrupt(
              controller,
              `the stream failed: ${error instanceof Error ? error.message : String(error)}`,
              error,
            );
            return;
          }
          if (read.done) {
            if (!finished) {
              interrupt(controller, "the stream ended without a finish part");
              return;
            }
            controller.close();
            if (!settled) {
              settled = true;
              options.complete(collector, warnings).then(resolveResult, rejectResult);
            }
            return;
          }
          part = read.value;
        }
        if (part.type === "finish") {
          if (contentDelivered && isUnexplainedFinish(part)) {
            interrupt(
              controller,
              "the stream ended without the provider saying why it stopped (no finish reason)",
            );
            return;
          }
          finished = true;
        }
        if (part.type === "error") {
          const text =
            part.error instanceof Error ? `${part.error.name}: ${part.error.message}` : String(part.error);
          warnings.push(`error part after ${characters} characters, passed on (${text.slice(0, 200)})`);
        }
        if (isContentPart(part)) contentDelivered = true;
        characters += deliveredCharacters(part);
        collector.add(part);
        controller.enqueue(part);
      },
      cancel(reason) {
        fail(new DOMException("the stream was cancelled by its reader", "AbortError"), {
          outcome: "aborted",
          error: { code: "CANCELLED", message: "the reader cancelled the stream", retryable: false },
          cooldown: "ignore",
        });
        return committed.reader.cancel(reason);
      },
    },
    // Pull one part per read, so erroring the stream never drops a part the reader has not taken.
    { highWaterMark: 0 },
  );
  return { stream, result };
}
