import type { RecordedRequest, TextReply } from "./fake-upstream-script.js";
import { type FakeUpstream, type FakeUpstreamOptions, startFakeUpstream } from "./fake-upstream-server.js";
import { approximateTokens, splitIntoWords, type UpstreamDialect } from "./upstream-dialect.js";

interface ChatChunk {
  choices?: unknown[];
  usage?: unknown;
}

const errorTypes: Record<number, { type: string; code: string | null }> = {
  400: { type: "invalid_request_error", code: null },
  401: { type: "invalid_request_error", code: "invalid_api_key" },
  404: { type: "invalid_request_error", code: "model_not_found" },
  429: { type: "requests", code: "rate_limit_exceeded" },
};

const wantsUsage = (request: RecordedRequest) => request.body?.stream_options?.include_usage === true;

/** OpenAI Chat Completions (and every OpenAI-compatible server: Ollama, vLLM, Groq, OpenRouter). */
export const openAIDialect: UpstreamDialect = {
  defaultFixture: "openai-text",
  route: (method, path) => {
    if (method === "POST" && path.endsWith("/chat/completions")) return "generate";
    if (method === "GET" && path.endsWith("/models")) return "models";
    return undefined;
  },
  frame: (event, data) => `data: ${data ?? JSON.stringify(event)}\n\n`,
  closingFrames: ["data: [DONE]\n\n"],
  // Like the real API, streamed usage arrives only when the request sets stream_options.include_usage.
  streamEvents: (events, request) => {
    if (wantsUsage(request)) return { events, variant: "usage" };
    const withoutUsage = events
      .filter((event) => !((event as ChatChunk).choices?.length === 0 && (event as ChatChunk).usage))
      .map((event) => ((event as ChatChunk).usage ? { ...(event as object), usage: null } : event));
    return { events: withoutUsage, variant: "no-usage" };
  },
  textReply: (step: TextReply, request, responseNumber) => {
    const id = `chatcmpl-fake-${responseNumber}`;
    const model = step.model ?? request.body?.model ?? "fake-model";
    const created = 1_770_000_000;
    const promptTokens = step.usage?.inputTokens ?? approximateTokens(request.rawBody);
    const completionTokens = step.usage?.outputTokens ?? approximateTokens(step.text);
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: step.usage?.cachedInputTokens ?? 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    };
    const base = { id, object: "chat.completion.chunk", created, model };
    const events: unknown[] = [
      { ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] },
      ...splitIntoWords(step.text).map((content) => ({
        ...base,
        choices: [{ index: 0, delta: { content }, finish_reason: null }],
      })),
      { ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] },
    ];
    if (wantsUsage(request)) events.push({ ...base, choices: [], usage });
    const json = {
      id,
      object: "chat.completion",
      created,
      model,
      choices: [{ index: 0, message: { role: "assistant", content: step.text }, finish_reason: "stop" }],
      usage,
    };
    return { json, events };
  },
  errorBody: (status, message) => {
    const { type, code } = errorTypes[status] ?? { type: "server_error", code: null };
    return { error: { message, type, param: null, code } };
  },
  modelsList: (models) => ({
    object: "list",
    data: models.map((id) => ({ id, object: "model", created: 1_770_000_000, owned_by: "fake" })),
  }),
};

/**
 * Starts a fake OpenAI Chat Completions server: `POST …/chat/completions` and `GET …/models`.
 * Fixtures: `openai-text` (default), `xai-text`, `xai-tool-call`, `deepseek-tool-call`.
 */
export function startFakeOpenAIServer(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  return startFakeUpstream(openAIDialect, options);
}
