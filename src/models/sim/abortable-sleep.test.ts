import { describe, expect, it } from "vitest";
import { abortableSleep } from "./abortable-sleep.js";

describe("abortableSleep", () => {
  it("resolves after a short wait", async () => {
    await expect(abortableSleep(1)).resolves.toBeUndefined();
  });

  it("rejects with the abort reason as soon as the signal aborts, long before the wait ends", async () => {
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort(reason);
    // A one-minute wait that rejects within a second was cut short by the abort.
    const deadline = new Promise((resolve) => setTimeout(() => resolve("still waiting"), 1000).unref());
    await expect(Promise.race([sleeping, deadline])).rejects.toBe(reason);
  });

  it("rejects at once when the signal has already aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("already"));
    await expect(abortableSleep(60_000, controller.signal)).rejects.toThrow("already");
  });
});
