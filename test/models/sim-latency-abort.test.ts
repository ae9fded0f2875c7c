import { generateText } from "ai";
import { describe, expect, it } from "vitest";
import { createSimProvider } from "../../src/models/index.js";
import { callOptions, readParts } from "./sim-test-helpers.js";

// Resolves with "still waiting" if the promise has not settled within a second; the sim's delays in
// these tests are a minute long, so settling earlier means the abort cut them short.
function withinOneSecond<T>(promise: Promise<T>): Promise<T | "still waiting"> {
  const deadline = new Promise<"still waiting">((resolve) =>
    setTimeout(() => resolve("still waiting"), 1000).unref(),
  );
  return Promise.race([promise, deadline]);
}

describe("sim latency and abort", () => {
  const slow = () => createSimProvider({ latency: { kind: "fixed", ms: 60_000 } });

  it("rejects doGenerate with the abort reason when aborted during the latency wait", async () => {
    const controller = new AbortController();
    const reason = new Error("user pressed stop");
    const pending = slow()("default").doGenerate(callOptions("hello", { abortSignal: controller.signal }));
    setTimeout(() => controller.abort(reason), 20);
    await expect(withinOneSecond(pending)).rejects.toBe(reason);
  });

  it("errors a stream with the abort reason when aborted before the first token", async () => {
    const controller = new AbortController();
    const reason = new Error("user pressed stop");
    const { stream } = await slow()("default").doStream(
      callOptions("hello", { abortSignal: controller.signal }),
    );
    setTimeout(() => controller.abort(reason), 20);
    const outcome = await withinOneSecond(readParts(stream));
    expect(outcome).not.toBe("still waiting");
    expect(outcome !== "still waiting" && outcome.error).toBe(reason);
    expect(outcome !== "still waiting" && outcome.parts.map((part) => part.type)).toEqual(["stream-start"]);
  });

  it("aborts a generateText call through the AI SDK promptly", async () => {
    const controller = new AbortController();
    const pending = generateText({
      model: slow()("default"),
      prompt: "hello",
      abortSignal: controller.signal,
      maxRetries: 0,
    });
    setTimeout(() => controller.abort(new Error("stop")), 20);
    await expect(withinOneSecond(pending)).rejects.toThrow("stop");
  });

  it("aborts an injected timeout's wait", async () => {
    const provider = createSimProvider({ faults: { timeout: 1, timeoutMs: 60_000 } });
    const controller = new AbortController();
    const pending = provider("default").doGenerate(callOptions("hello", { abortSignal: controller.signal }));
    setTimeout(() => controller.abort(new Error("gave up")), 20);
    await expect(withinOneSecond(pending)).rejects.toThrow("gave up");
  });

  it("stops waiting when the reader cancels the stream", async () => {
    const { stream } = await slow()("default").doStream(callOptions("hello"));
    const reader = stream.getReader();
    await reader.read();
    const pendingRead = reader.read();
    await reader.cancel("no longer needed");
    expect(await withinOneSecond(pendingRead)).toEqual({ done: true, value: undefined });
  });
});
