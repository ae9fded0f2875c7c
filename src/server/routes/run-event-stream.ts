import type { GantryError } from "../../core/index.js";
import type { RunEvent, RunHandle } from "../../runtime/index.js";
import { serverErrorOf, statusForError } from "../error-response.js";

// A run's events as Server-Sent Events: each RunEvent is `event: <type>` and `data: <json>`, and the
// stream closes after `end`. A client that disconnects stops only its copy of the stream: the run
// goes on and checkpoints, and its events are still read (and dropped) so nothing waits for a reader.

const encoder = new TextEncoder();

/** Whether a request asked for SSE: `Accept: text/event-stream` or `stream: true` in its body. */
export function wantsEventStream(accept: string | undefined, stream: boolean | undefined): boolean {
  return stream === true || (accept ?? "").toLowerCase().includes("text/event-stream");
}

function frame(type: string, data: unknown, id: number): Uint8Array {
  return encoder.encode(`id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
}

async function drain(iterator: AsyncIterator<RunEvent>): Promise<void> {
  try {
    for (;;) if ((await iterator.next()).done) return;
  } catch {
    // The run's own result reports its failure; the dropped copy of its events has nothing to add.
  }
}

/**
 * The SSE body of a run. Should the event source fail, an `error` event carries the error in the API's
 * shape (`{ error }`, without a 5xx cause) and an `end` event still closes the stream.
 */
export function runEventStream(
  handle: RunHandle,
  onError: (error: GantryError) => void = () => {},
): ReadableStream<Uint8Array> {
  const iterator = handle.events[Symbol.asyncIterator]();
  let sequence = 0;
  let ended = false;
  // Set when the client hangs up; a pull that was waiting for the next event must then write nothing.
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (cancelled) return;
        if (next.done) {
          // Every stream ends with `end`, even one whose source forgot it.
          controller.enqueue(frame("end", { type: "end" }, ++sequence));
          ended = true;
          controller.close();
          return;
        }
        controller.enqueue(frame(next.value.type, next.value, ++sequence));
        if (next.value.type === "end") {
          ended = true;
          controller.close();
        }
      } catch (thrown) {
        if (cancelled) return;
        const error = serverErrorOf(thrown);
        onError(error);
        const body = error.toJSON();
        // As errorResponse does: what would be a 5xx keeps its cause for the log only.
        if (statusForError(error) >= 500) delete body.cause;
        controller.enqueue(frame("error", { error: body }, ++sequence));
        controller.enqueue(frame("end", { type: "end" }, ++sequence));
        ended = true;
        controller.close();
      }
    },
    cancel() {
      cancelled = true;
      // The generator queues this behind a pull's pending next(), so no event is read twice or lost.
      if (!ended) void drain(iterator);
    },
  });
}

/** Headers of an SSE response; proxies such as nginx would otherwise buffer the whole stream. */
export const eventStreamHeaders: Record<string, string> = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  "x-accel-buffering": "no",
};
