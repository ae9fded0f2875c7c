import { context, createContextKey, ROOT_CONTEXT } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { AsyncLocalStorageContextManager, ensureAsyncContextManager } from "./async-context-manager.js";

const key = createContextKey("test.value");

describe("AsyncLocalStorageContextManager", () => {
  it("follows awaits, timers and promise chains, and isolates concurrent branches", async () => {
    const manager = new AsyncLocalStorageContextManager();
    const read = () => manager.active().getValue(key);
    const branch = (value: string, delayMs: number) =>
      manager.with(ROOT_CONTEXT.setValue(key, value), async () => {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        const afterTimer = read();
        await Promise.resolve();
        return [afterTimer, read()];
      });
    const [first, second] = await Promise.all([branch("a", 5), branch("b", 1)]);
    expect(first).toEqual(["a", "a"]);
    expect(second).toEqual(["b", "b"]);
    expect(read()).toBeUndefined();
  });

  it("binds a function to the context it was bound in, wherever it is called from", async () => {
    const manager = new AsyncLocalStorageContextManager();
    const bound = manager.with(ROOT_CONTEXT.setValue(key, "spawn"), () =>
      manager.bind(manager.active(), function (this: { label: string }, suffix: string) {
        return `${this.label}:${String(manager.active().getValue(key))}:${suffix}`;
      }),
    );
    const result = manager.with(ROOT_CONTEXT.setValue(key, "caller"), () => bound.call({ label: "x" }, "!"));
    expect(result).toBe("x:spawn:!");
  });

  it("is registered with the OpenTelemetry API so context.active() follows async calls", async () => {
    ensureAsyncContextManager();
    const value = await context.with(ROOT_CONTEXT.setValue(key, "global"), async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return context.active().getValue(key);
    });
    expect(value).toBe("global");
  });
});
