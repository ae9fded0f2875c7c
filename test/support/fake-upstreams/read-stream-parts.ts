/** Everything a stream yielded before it ended, and the error it ended with, if any. */
export interface StreamOutcome<Part> {
  parts: Part[];
  error: unknown;
}

/** Reads a stream to its end without throwing, so a test can assert on content before a failure. */
export async function readStreamParts<Part>(stream: ReadableStream<Part>): Promise<StreamOutcome<Part>> {
  const parts: Part[] = [];
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { parts, error: undefined };
      parts.push(value);
    }
  } catch (error) {
    return { parts, error };
  } finally {
    reader.releaseLock();
  }
}
