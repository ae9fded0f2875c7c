import type { TextReply } from "./fake-upstream-script.js";
import { type FakeUpstream, type FakeUpstreamOptions, startFakeUpstream } from "./fake-upstream-server.js";
import { approximateTokens, splitIntoWords, type UpstreamDialect } from "./upstream-dialect.js";

const errorTypes: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  529: "overloaded_error",
};

/** Anthropic Messages: SSE events named by their `type`. */
export const anthropicDialect: UpstreamDialect = {
  defaultFixture: "anthropic-text",
  route: (method, path) => {
    if (method === "POST" && path.endsWith("/messages")) return "generate";
    if (method === "GET" && path.endsWith("/models")) return "models";
    return undefined;
  },
  frame: (event, data) => {
    const type = (event as { type?: unknown }).type;
    return `event: ${typeof type === "string" ? type : "message"}\ndata: ${data ?? JSON.stringify(event)}\n\n`;
  },
  closingFrames: [],
  streamEvents: (events) => ({ events, variant: "as-recorded" }),
  textReply: (step: TextReply, request, responseNumber) => {
    const id = `msg_fake_${responseNumber}`;
    const model = step.model ?? request.body?.model ?? "fake-model";
    const inputTokens = step.usage?.inputTokens ?? approximateTokens(request.rawBody);
    const outputTokens = step.usage?.outputTokens ?? approximateTokens(step.text);
    const cacheRead = step.usage?.cachedInputTokens ?? 0;
    const usage = {
      input_tokens: inputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: cacheRead,
      output_tokens: outputTokens,
    };
    const message = { id, type: "message", role: "assistant", model, stop_sequence: null };
    const events: unknown[] = [
      {
        type: "message_start",
        message: { ...message, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } },
      },
      { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      ...splitIntoWords(step.text).map((text) => ({
        type: "content_block_delta",
        index: 0,
        delta: { type: "text_delta", text },
      })),
      { type: "content_block_stop", index: 0 },
      { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage },
      { type: "message_stop" },
    ];
    const json = { ...message, content: [{ type: "text", text: step.text }], stop_reason: "end_turn", usage };
    return { json, events };
  },
  errorBody: (status, message) => ({
    type: "error",
    error: { type: errorTypes[status] ?? "api_error", message },
  }),
  modelsList: (models) => ({
    data: models.map((id) => ({ type: "model", id, display_name: id, created_at: "2026-01-01T00:00:00Z" })),
    has_more: false,
    first_id: models[0] ?? null,
    last_id: models.at(-1) ?? null,
  }),
};

/**
 * Starts a fake Anthropic Messages server: `POST …/messages` (JSON or SSE) and `GET …/models`.
 * Fixtures: `anthropic-text` (default), `anthropic-tool-no-args`, `anthropic-json-tool.1`,
 * `anthropic-message-delta-input-tokens`, `anthropic-code-execution-20260120-prompt-cache.1`.
 */
export function startFakeAnthropicServer(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  return startFakeUpstream(anthropicDialect, options);
}
