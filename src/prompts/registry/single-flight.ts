// Concurrent callers asking for the same key share one in-flight promise: a burst of requests for a
// prompt whose cache entry just expired makes one registry call, not one per request.

export interface SingleFlight<T> {
  /** Runs `load` unless a run for `key` is in flight, in which case its promise is returned. */
  run(key: string, load: () => Promise<T>): Promise<T>;
  inFlight(key: string): boolean;
}

export function createSingleFlight<T>(): SingleFlight<T> {
  const flights = new Map<string, Promise<T>>();
  return {
    run(key, load) {
      const existing = flights.get(key);
      if (existing) return existing;
      const flight = Promise.resolve()
        .then(load)
        .finally(() => {
          if (flights.get(key) === flight) flights.delete(key);
        });
      flights.set(key, flight);
      return flight;
    },
    inFlight: (key) => flights.has(key),
  };
}
