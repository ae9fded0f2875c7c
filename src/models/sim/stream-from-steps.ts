import type { LanguageModelV3StreamPart } from "@ai-sdk/provider";
import type { Sleep } from "./abortable-sleep.js";
import type { StreamStep } from "./stream-steps.js";

/**
 * Plays timed steps as a ReadableStream. Steps are produced on pull, so a slow reader is not flooded;
 * an abort (caller's signal) or a cancel (reader gone) stops the pending wait at once, and an abort
 * errors the stream with the signal's reason.
 */
export function streamFromSteps(
  steps: readonly StreamStep[],
  sleep: Sleep,
  abortSignal: AbortSignal | undefined,
): ReadableStream<LanguageModelV3StreamPart> {
  const cancelled = new AbortController();
  const signal = abortSignal ? AbortSignal.any([abortSignal, cancelled.signal]) : cancelled.signal;
  let index = 0;
  return new ReadableStream<LanguageModelV3StreamPart>({
    async pull(controller) {
      const step = steps[index++];
      if (!step) {
        controller.close();
        return;
      }
      if (step.delayMs > 0) await sleep(step.delayMs, signal);
      else signal.throwIfAborted();
      if ("error" in step) controller.error(step.error);
      else controller.enqueue(step.part);
    },
    cancel(reason) {
      cancelled.abort(reason);
    },
  });
}
