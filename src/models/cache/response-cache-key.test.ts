import { describe, expect, it } from "vitest";
import type { ModelRequest } from "../model-call-spec.js";
import { responseCacheKey } from "./response-cache-key.js";

function request(): ModelRequest {
  return {
    prompt: [
      { role: "system", content: "be brief" },
      { role: "user", content: [{ type: "text", text: "Where is my order?" }] },
    ],
    tools: [{ type: "function", name: "lookup_order", inputSchema: { type: "object", properties: {} } }],
    toolChoice: { type: "auto" },
    responseFormat: { type: "text" },
    temperature: 0.2,
    topP: 0.9,
    topK: 40,
    presencePenalty: 0,
    frequencyPenalty: 0,
    maxOutputTokens: 256,
    seed: 7,
    stopSequences: ["END"],
    providerOptions: { openai: { user: "u1" } },
  };
}
const models = ["sim:fast", "sim:default"];

describe("responseCacheKey", () => {
  it("is a sha256 hex, the same for the same request however its keys are ordered", () => {
    const key = responseCacheKey(request(), models);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const reordered = Object.fromEntries(Object.entries(request()).reverse()) as unknown as ModelRequest;
    expect(responseCacheKey(reordered, models)).toBe(key);
  });

  it("changes when any field of the key changes", () => {
    const base = responseCacheKey(request(), models);
    const changes: [string, (value: ModelRequest) => ModelRequest][] = [
      [
        "prompt",
        (value) => ({
          ...value,
          prompt: [{ role: "user", content: [{ type: "text", text: "Where is my order" }] }],
        }),
      ],
      ["tools", (value) => ({ ...value, tools: [] })],
      ["toolChoice", (value) => ({ ...value, toolChoice: { type: "required" } })],
      ["responseFormat", (value) => ({ ...value, responseFormat: { type: "json" } })],
      ["temperature", (value) => ({ ...value, temperature: 0.3 })],
      ["topP", (value) => ({ ...value, topP: 1 })],
      ["topK", (value) => ({ ...value, topK: 41 })],
      ["presencePenalty", (value) => ({ ...value, presencePenalty: 0.1 })],
      ["frequencyPenalty", (value) => ({ ...value, frequencyPenalty: 0.1 })],
      ["maxOutputTokens", (value) => ({ ...value, maxOutputTokens: 257 })],
      ["seed", (value) => ({ ...value, seed: 8 })],
      ["stopSequences", (value) => ({ ...value, stopSequences: ["STOP"] })],
      ["providerOptions", (value) => ({ ...value, providerOptions: { openai: { user: "u2" } } })],
      ["an omitted setting", (value) => ({ ...value, temperature: undefined })],
    ];
    const keys = new Set([base]);
    for (const [field, change] of changes) {
      const changed = responseCacheKey(change(request()), models);
      expect(changed, field).not.toBe(base);
      keys.add(changed);
    }
    expect(keys.size).toBe(changes.length + 1);
    expect(responseCacheKey(request(), ["sim:default", "sim:fast"])).not.toBe(base);
    expect(responseCacheKey(request(), ["sim:fast"])).not.toBe(base);
  });

  it("ignores the abort signal, headers, raw chunks and Gantry's routing fields", () => {
    const base = responseCacheKey(request(), models);
    const noisy: ModelRequest = {
      ...request(),
      abortSignal: new AbortController().signal,
      headers: { "x-request-id": "abc" },
      includeRawChunks: true,
      model: "route:auto",
      taskProfile: "triage",
      noCache: false,
    };
    expect(responseCacheKey(noisy, models)).toBe(base);
  });

  it("hashes file bytes and the same file as base64 text alike", () => {
    const file = (data: string | Uint8Array): ModelRequest => ({
      prompt: [{ role: "user", content: [{ type: "file", mediaType: "text/plain", data }] }],
    });
    const bytes = new TextEncoder().encode("hello");
    expect(responseCacheKey(file(bytes), models)).toBe(
      responseCacheKey(file(Buffer.from("hello").toString("base64")), models),
    );
    expect(responseCacheKey(file(bytes), models)).not.toBe(
      responseCacheKey(file(new TextEncoder().encode("hellp")), models),
    );
  });
});
