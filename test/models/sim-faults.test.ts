import { APICallError, JSONParseError } from "@ai-sdk/provider";
import { generateText, streamText, wrapLanguageModel } from "ai";
import { describe, expect, it } from "vitest";
import { createSimProvider, type SimProviderSettings } from "../../src/models/index.js";
import { callOptions, readParts, recordingSleep, streamedText } from "./sim-test-helpers.js";

type Outcome = "ok" | "rateLimit" | "serverError" | "timeout" | "cutStream" | "malformedChunk";

// Classifies one streamed call by what a caller observes.
async function streamOutcome(provider: ReturnType<typeof createSimProvider>, text: string): Promise<Outcome> {
  try {
    const { stream } = await provider("default").doStream(callOptions(text));
    const { parts, error } = await readParts(stream);
    if (error) return "cutStream";
    if (parts.some((part) => part.type === "error" && JSONParseError.isInstance(part.error)))
      return "malformedChunk";
    return "ok";
  } catch (error) {
    if (!APICallError.isInstance(error)) throw error;
    if (error.statusCode === 429) return "rateLimit";
    if (error.statusCode === 500 || error.statusCode === 503) return "serverError";
    return "timeout";
  }
}

function faultyProvider(faults: SimProviderSettings["faults"]) {
  return createSimProvider({
    seed: 5,
    faults: { timeoutMs: 5000, ...faults },
    sleep: recordingSleep().sleep,
  });
}

describe("sim fault injection", () => {
  const kinds = ["rateLimit", "serverError", "timeout", "cutStream", "malformedChunk"] as const;

  for (const kind of kinds) {
    it(`injects ${kind} at the configured rate (±20%) over 1,000 calls`, async () => {
      const provider = faultyProvider({ [kind]: 0.2 });
      let hits = 0;
      for (let call = 0; call < 1000; call++) {
        const outcome = await streamOutcome(provider, `ticket ${call % 7}`);
        if (outcome === kind) hits += 1;
        else expect(outcome).toBe("ok");
      }
      expect(hits).toBeGreaterThanOrEqual(160);
      expect(hits).toBeLessThanOrEqual(240);
    });
  }

  it("keeps each rate when several faults are configured together", async () => {
    const provider = faultyProvider({
      rateLimit: 0.1,
      serverError: 0.1,
      timeout: 0.1,
      cutStream: 0.1,
      malformedChunk: 0.1,
    });
    const counts = new Map<Outcome, number>();
    for (let call = 0; call < 1000; call++) {
      const outcome = await streamOutcome(provider, "same prompt every time");
      counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    }
    for (const kind of kinds) {
      expect(counts.get(kind)).toBeGreaterThanOrEqual(80);
      expect(counts.get(kind)).toBeLessThanOrEqual(120);
    }
  });

  it("answers 429 with a retry-after header, retryable, as an APICallError", async () => {
    const provider = createSimProvider({ faults: { rateLimit: 1, retryAfterSeconds: 7 } });
    const error = await provider("default")
      .doGenerate(callOptions("hi"))
      .catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as APICallError;
    expect(apiError.statusCode).toBe(429);
    expect(apiError.responseHeaders?.["retry-after"]).toBe("7");
    expect(apiError.isRetryable).toBe(true);
  });

  it("lets the AI SDK retry 429s after retry-after and succeed", async () => {
    let attempts = 0;
    const model = wrapLanguageModel({
      model: createSimProvider({ seed: 2, faults: { rateLimit: 0.5, retryAfterSeconds: 0 } })("default"),
      middleware: {
        specificationVersion: "v3",
        wrapGenerate: async ({ doGenerate }) => {
          attempts += 1;
          return doGenerate();
        },
      },
    });
    for (let call = 0; call < 10; call++) {
      const result = await generateText({ model, prompt: `hello ${call}`, maxRetries: 10 });
      expect(result.text.length).toBeGreaterThan(0);
    }
    expect(attempts).toBeGreaterThan(10);
  });

  it("answers server errors with 500 or 503, retryable", async () => {
    const provider = createSimProvider({ faults: { serverError: 1 } });
    const statuses = new Set<number | undefined>();
    for (let call = 0; call < 40; call++) {
      const error = await provider("default")
        .doGenerate(callOptions(`call ${call}`))
        .then(
          () => {
            throw new Error("expected the call to fail");
          },
          (caught: unknown) => caught as APICallError,
        );
      expect(error.isRetryable).toBe(true);
      statuses.add(error.statusCode);
    }
    expect([...statuses].sort()).toEqual([500, 503]);
  });

  it("times out after waiting timeoutMs, with a TimeoutError cause", async () => {
    const { sleep, waits } = recordingSleep();
    const provider = createSimProvider({ faults: { timeout: 1, timeoutMs: 12_345 }, sleep });
    const error = await provider("default")
      .doGenerate(callOptions("hi"))
      .then(
        () => {
          throw new Error("expected the call to fail");
        },
        (caught: unknown) => caught as APICallError,
      );
    expect(waits).toEqual([12_345]);
    expect(error.message).toContain("timed out after 12345 ms");
    expect((error.cause as DOMException).name).toBe("TimeoutError");
    expect(error.isRetryable).toBe(true);
  });

  it("cuts a stream after some text: no finish part, the stream errors", async () => {
    const provider = createSimProvider({ faults: { cutStream: 1 } });
    const { stream } = await provider("default").doStream(callOptions("Tell me about refunds"));
    const { parts, error } = await readParts(stream);
    expect(parts.some((part) => part.type === "finish")).toBe(false);
    expect(streamedText(parts).length).toBeGreaterThan(0);
    expect(APICallError.isInstance(error) && error.message).toContain("stream cut");

    const viaSdk = streamText({
      model: provider("default"),
      prompt: "Tell me about refunds",
      onError: () => {},
    });
    let delivered = "";
    await expect(
      (async () => {
        for await (const delta of viaSdk.textStream) delivered += delta;
      })(),
    ).rejects.toThrow(/stream cut/);
    expect(delivered.length).toBeGreaterThan(0);
  });

  it("replaces one chunk with an unparsable one: an error part, a garbled raw part, then the stream goes on", async () => {
    const provider = createSimProvider({ faults: { malformedChunk: 1 } });
    const { stream } = await provider("default").doStream(
      callOptions("Tell me about refunds", { includeRawChunks: true }),
    );
    const { parts, error } = await readParts(stream);
    expect(error).toBeUndefined();
    const errorIndex = parts.findIndex((part) => part.type === "error");
    const errorPart = parts[errorIndex];
    expect(errorPart?.type === "error" && JSONParseError.isInstance(errorPart.error)).toBe(true);
    const raw = parts[errorIndex - 1];
    expect(
      raw?.type === "raw" && typeof raw.rawValue === "string" && (() => JSON.parse(raw.rawValue as string)),
    ).toThrow();
    expect(parts.at(-1)?.type).toBe("finish");
    // The lost chunk's text is missing from what was delivered.
    const full = await createSimProvider()("default").doGenerate(callOptions("Tell me about refunds"));
    const fullText = full.content[0]?.type === "text" ? full.content[0].text : "";
    expect(streamedText(parts).length).toBeLessThan(fullText.length);
  });

  it("does not inject stream-only faults into doGenerate", async () => {
    const provider = createSimProvider({ faults: { cutStream: 0.5, malformedChunk: 0.5 } });
    for (let call = 0; call < 20; call++) {
      const result = await provider("default").doGenerate(callOptions(`call ${call}`));
      expect(result.finishReason.unified).toBe("stop");
    }
  });

  it("rejects fault rates that add up to more than 1", () => {
    expect(() => createSimProvider({ faults: { rateLimit: 0.6, serverError: 0.6 } })).toThrow(
      /add up to more than 1/,
    );
  });
});
