/** Reads until `accept` holds (polling), or fails with the last value after `timeoutMs`. */
export async function eventually<Value>(
  read: () => Promise<Value>,
  accept: (value: Value) => boolean,
  timeoutMs = 10_000,
): Promise<Value> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
