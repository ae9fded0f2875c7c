import { JSONParseError, type LanguageModelV3StreamPart } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { GantryError } from "../../src/core/index.js";
import { createSimProvider } from "../../src/models/index.js";
import {
  hello,
  httpError,
  recordingSleep,
  rejectionOf,
  ScriptedModel,
  type StreamStep,
  testClient,
  textStream,
  timeline,
  usage,
} from "./failover-helpers.js";
import { readParts, streamedText } from "./sim-test-helpers.js";

const tiers = { main: ["primary:m", "secondary:m"] };
const opening: LanguageModelV3StreamPart[] = [
  { type: "stream-start", warnings: [] },
  { type: "text-start", id: "t" },
];
const finish: LanguageModelV3StreamPart = {
  type: "finish",
  finishReason: { unified: "stop", raw: "stop" },
  usage: usage(40, 2),
};

function pair(primarySteps: StreamStep[], secondaryText = "from the secondary") {
  const primary = new ScriptedModel("primary:m", [{ kind: "stream", steps: primarySteps }]);
  const secondary = new ScriptedModel("secondary:m", [{ kind: "answer", text: secondaryText }]);
  return { primary, secondary, ...testClient({ "primary:m": primary, "secondary:m": secondary }, { tiers }) };
}

/**
 * Streams from tier:main as a caller that aborts once the first text has arrived; returns the read that
 * was pending at that moment and the call's result, both expected to reject with the abort.
 */
async function abortAfterFirstText(client: ReturnType<typeof pair>["client"]) {
  const controller = new AbortController();
  const { stream, result } = await client.stream({
    ...hello,
    model: "tier:main",
    abortSignal: controller.signal,
  });
  const reader = stream.getReader();
  for (;;) {
    const { value } = await reader.read();
    if (value?.type === "text-delta") break;
  }
  const pending = reader.read();
  controller.abort(new Error("stop"));
  return { pending, result };
}

describe("failover of streamed calls", () => {
  it("a stream cut after content errors with MODEL_STREAM_INTERRUPTED and is never re-sent (sim)", async () => {
    const { sleep } = recordingSleep();
    const cutting = createSimProvider({ faults: { cutStream: 1 }, sleep })("default");
    const healthy = new ScriptedModel("secondary:m", [{ kind: "answer", text: "must not be used" }]);
    const { client, attemptsSeen } = testClient({ "primary:m": cutting, "secondary:m": healthy }, { tiers });
    const { stream, result } = await client.stream({ ...hello, model: "tier:main" });
    const { parts, error } = await readParts(stream);
    expect(streamedText(parts).length).toBeGreaterThan(0);
    expect(GantryError.isInstance(error)).toBe(true);
    const interrupted = error as GantryError;
    expect(interrupted.code).toBe("MODEL_STREAM_INTERRUPTED");
    expect(interrupted.category).toBe("THIRD_PARTY");
    expect(interrupted.message).toContain("already been delivered");
    expect(interrupted.message).toContain("not re-sent");
    expect(interrupted.details).toMatchObject({
      modelId: "primary:m",
      attempt: 1,
      deliveredCharacters: streamedText(parts).length,
    });
    await expect(result).rejects.toBe(error);
    expect(healthy.callCount).toBe(0);
    expect(timeline(attemptsSeen)).toEqual(["1 primary:m error MODEL_STREAM_INTERRUPTED"]);
  });

  it("an HTTP error when opening the stream fails over like a plain call", async () => {
    const primary = new ScriptedModel("primary:m", [{ kind: "throw", error: httpError(503) }]);
    const secondary = new ScriptedModel("secondary:m", [{ kind: "answer", text: "hello there" }]);
    const { client } = testClient(
      { "primary:m": primary, "secondary:m": secondary },
      { tiers, retry: { retriesPerCandidate: 0 } },
    );
    const { stream, result } = await client.stream({ ...hello, model: "tier:main" });
    const { parts, error } = await readParts(stream);
    expect(error).toBeUndefined();
    expect(streamedText(parts)).toBe("hello there");
    expect(timeline((await result).attempts)).toEqual([
      "1 primary:m error SERVER_ERROR",
      "2 secondary:m success",
    ]);
  });

  it("an error part before any content is retried: nothing reached the caller", async () => {
    const { client, primary, secondary } = pair([...opening, { type: "error", error: httpError(500) }]);
    const { stream, result } = await client.stream({ ...hello, model: "tier:main" });
    expect(streamedText((await readParts(stream)).parts)).toBe("from the secondary");
    expect(primary.callCount).toBe(3);
    expect(secondary.callCount).toBe(1);
    expect((await result).modelId).toBe("secondary:m");
  });

  it("a stream that errors or ends before content is retried, and no part of it is passed on", async () => {
    const { client, primary } = pair([
      ...opening,
      { fail: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) },
    ]);
    const { stream } = await client.stream({ ...hello, model: "tier:main" });
    const { parts } = await readParts(stream);
    expect(parts.filter((part) => part.type === "stream-start")).toHaveLength(1);
    expect(primary.callCount).toBe(3);
    const ended = pair([...opening]);
    const second = await ended.client.stream({ ...hello, model: "tier:main" });
    await readParts(second.stream);
    expect(timeline((await second.result).attempts)[0]).toBe("1 primary:m error MODEL_STREAM_EMPTY");
  });

  it("a stream that ends after content without a finish part is an interruption", async () => {
    const { client, secondary } = pair([...opening, { type: "text-delta", id: "t", delta: "Half an ans" }]);
    const { stream, result } = await client.stream({ ...hello, model: "tier:main" });
    const { parts, error } = await readParts(stream);
    expect(streamedText(parts)).toBe("Half an ans");
    expect(error).toMatchObject({ code: "MODEL_STREAM_INTERRUPTED", details: { deliveredCharacters: 11 } });
    expect((error as Error).message).toContain("without a finish part");
    await expect(result).rejects.toBe(error);
    expect(secondary.callCount).toBe(0);
  });

  it("a finish without a reason after content (a cleanly closed connection) is an interruption, not a clean end", async () => {
    const { client } = pair([
      ...opening,
      { type: "text-delta", id: "t", delta: "Trunc" },
      { type: "finish", finishReason: { unified: "other", raw: undefined }, usage: usage(5, 1) },
    ]);
    const { stream } = await client.stream({ ...hello, model: "tier:main" });
    const { parts, error } = await readParts(stream);
    expect(error).toMatchObject({ code: "MODEL_STREAM_INTERRUPTED" });
    expect(parts.some((part) => part.type === "finish")).toBe(false);
  });

  it("a malformed chunk after content is passed on and noted; the stream still succeeds when it finishes", async () => {
    const malformed = new JSONParseError({ text: '{"delta": ', cause: new SyntaxError("Unexpected end") });
    const { client } = pair([
      ...opening,
      { type: "text-delta", id: "t", delta: "Good " },
      { type: "error", error: malformed },
      { type: "text-delta", id: "t", delta: "ending." },
      { type: "text-end", id: "t" },
      finish,
    ]);
    const { stream, result } = await client.stream({ ...hello, model: "tier:main" });
    const { parts, error } = await readParts(stream);
    expect(error).toBeUndefined();
    expect(parts.filter((part) => part.type === "error")).toEqual([{ type: "error", error: malformed }]);
    const settled = await result;
    expect(settled.attempts[0]?.outcome).toBe("success");
    expect(settled.attempts[0]?.warnings?.[0]).toContain("AI_JSONParseError");
  });

  it("a malformed chunk after content followed by the end of the stream is an interruption", async () => {
    const { client } = pair([
      ...opening,
      { type: "text-delta", id: "t", delta: "Good " },
      { type: "error", error: new JSONParseError({ text: "{", cause: undefined }) },
    ]);
    const { stream, result } = await client.stream({ ...hello, model: "tier:main" });
    const { error } = await readParts(stream);
    expect(error).toMatchObject({ code: "MODEL_STREAM_INTERRUPTED" });
    const rejected = await rejectionOf(result);
    expect(rejected).toBe(error);
  });

  it("the result carries exactly the usage of the finish part, and the content that was streamed", async () => {
    const finishUsage = {
      inputTokens: { total: 120, noCache: 100, cacheRead: 20, cacheWrite: 0 },
      outputTokens: { total: 30, text: 25, reasoning: 5 },
    };
    const model = new ScriptedModel("primary:m", [
      { kind: "stream", steps: textStream("one two three", finishUsage) },
    ]);
    const { client } = testClient({ "primary:m": model }, { tiers: { main: ["primary:m"] } });
    const { stream, result } = await client.stream({ ...hello, model: "tier:main" });
    await readParts(stream);
    const settled = await result;
    expect(settled.usage).toEqual({
      input: 100,
      cacheRead: 20,
      cacheWrite: 0,
      cacheWrite1h: 0,
      output: 25,
      reasoning: 5,
    });
    expect(settled.content).toEqual([{ type: "text", text: "one two three" }]);
    expect(settled.finishReason).toEqual({ unified: "stop", raw: "stop" });
    expect(settled.responseId).toBe("resp-stream");
    expect(settled.attempts[0]?.usage).toEqual(settled.usage);
  });

  it("the caller's abort after content ends the stream with the abort, not an interruption, and no failover", async () => {
    const { client, secondary, attemptsSeen } = pair([
      ...opening,
      { type: "text-delta", id: "t", delta: "Some" },
      { hang: true },
    ]);
    const { pending, result } = await abortAfterFirstText(client);
    await expect(pending).rejects.toEqual(new Error("stop"));
    await expect(result).rejects.toEqual(new Error("stop"));
    expect(secondary.callCount).toBe(0);
    expect(timeline(attemptsSeen)).toEqual(["1 primary:m aborted ABORTED"]);
  });

  it("the caller's abort after content ends the stream even when the provider ignores its signal", async () => {
    const { client, attemptsSeen } = pair([
      ...opening,
      { type: "text-delta", id: "t", delta: "Some" },
      { hang: true, ignoreAbort: true },
    ]);
    const { pending, result } = await abortAfterFirstText(client);
    await expect(pending).rejects.toEqual(new Error("stop"));
    await expect(result).rejects.toEqual(new Error("stop"));
    expect(timeline(attemptsSeen)).toEqual(["1 primary:m aborted ABORTED"]);
  });

  it("a reader that cancels ends the attempt as aborted and cancels the provider stream", async () => {
    const { client, attemptsSeen } = pair([
      ...opening,
      { type: "text-delta", id: "t", delta: "x" },
      { hang: true },
    ]);
    const { stream, result } = await client.stream({ ...hello, model: "tier:main" });
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel("not interested");
    await expect(result).rejects.toMatchObject({ name: "AbortError" });
    expect(timeline(attemptsSeen)).toEqual(["1 primary:m aborted CANCELLED"]);
  });

  it("a stream that opens but never delivers content times out before commit and fails over", async () => {
    const primary = new ScriptedModel("primary:m", [{ kind: "stream", steps: [...opening, { hang: true }] }]);
    const secondary = new ScriptedModel("secondary:m", [{ kind: "answer", text: "quick" }]);
    const { client } = testClient(
      { "primary:m": primary, "secondary:m": secondary },
      { tiers, retry: { attemptTimeoutMs: 20, retriesPerCandidate: 0 } },
    );
    const { stream, result } = await client.stream({ ...hello, model: "tier:main" });
    expect(streamedText((await readParts(stream)).parts)).toBe("quick");
    expect(timeline((await result).attempts)).toEqual([
      "1 primary:m error ATTEMPT_TIMEOUT",
      "2 secondary:m success",
    ]);
  });

  it("every candidate failing before content rejects the stream call itself with MODEL_CALL_FAILED", async () => {
    const primary = new ScriptedModel("primary:m", [{ kind: "throw", error: httpError(500) }]);
    const { client } = testClient(
      { "primary:m": primary },
      { tiers: { main: ["primary:m"] }, retry: { maxAttempts: 2 } },
    );
    const error = await rejectionOf(client.stream({ ...hello, model: "tier:main" }));
    expect(error).toMatchObject({ code: "MODEL_CALL_FAILED" });
    expect(primary.callCount).toBe(2);
  });
});
