// A buffered, single-reader async queue: the run pushes events as they happen, a reader (CLI, SSE,
// test) iterates them at its own pace and misses nothing even when it starts late.

/** A push side and an iterable side; `close` ends iteration once the buffer drains. */
export interface EventChannel<T> {
  push(value: T): void;
  close(): void;
  readonly iterable: AsyncIterable<T>;
}

/** Creates an unbounded channel (a run emits a bounded number of events). */
export function createEventChannel<T>(): EventChannel<T> {
  const buffer: T[] = [];
  let closed = false;
  let wake: (() => void) | undefined;
  let iterated = false;

  const notify = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };

  async function* iterate(): AsyncGenerator<T> {
    while (true) {
      if (buffer.length > 0) {
        yield buffer.shift() as T;
        continue;
      }
      if (closed) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  }

  return {
    push(value) {
      if (closed) return;
      buffer.push(value);
      notify();
    },
    close() {
      closed = true;
      notify();
    },
    iterable: {
      [Symbol.asyncIterator]() {
        if (iterated) throw new Error("A run's events can be iterated once");
        iterated = true;
        return iterate();
      },
    },
  };
}
