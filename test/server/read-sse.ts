/** One Server-Sent Event as the runs routes send it. */
export interface SseEvent {
  id: string | undefined;
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests assert on each event's JSON with expect()
  data: any;
}

function parseFrame(frame: string): SseEvent | undefined {
  let id: string | undefined;
  let event = "message";
  const data: string[] = [];
  for (const line of frame.split("\n")) {
    if (line.startsWith("id: ")) id = line.slice(4);
    else if (line.startsWith("event: ")) event = line.slice(7);
    else if (line.startsWith("data: ")) data.push(line.slice(6));
  }
  return data.length === 0 ? undefined : { id, event, data: JSON.parse(data.join("\n")) };
}

/**
 * Reads an SSE body event by event; stops (and cancels the body) as soon as `until` accepts an event,
 * else reads to the end. Returns the events read.
 */
export async function readSse(response: Response, until?: (event: SseEvent) => boolean): Promise<SseEvent[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: SseEvent[] = [];
  let buffered = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += value;
    let boundary = buffered.indexOf("\n\n");
    while (boundary !== -1) {
      const event = parseFrame(buffered.slice(0, boundary));
      buffered = buffered.slice(boundary + 2);
      if (event !== undefined) {
        events.push(event);
        if (until?.(event)) {
          await reader.cancel();
          return events;
        }
      }
      boundary = buffered.indexOf("\n\n");
    }
  }
  return events;
}
