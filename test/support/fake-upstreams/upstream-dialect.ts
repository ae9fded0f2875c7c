import type { RecordedRequest, TextReply } from "./fake-upstream-script.js";

/** What differs between provider wire formats; the server and fault handling are shared. */
export interface UpstreamDialect {
  /** Fixture replayed when a step names none. */
  defaultFixture: string;
  /** Which endpoint a request hits; undefined answers 404. */
  route(method: string, path: string): "generate" | "models" | undefined;
  /** One SSE frame for an event; `data` replaces its JSON text (to send malformed data). */
  frame(event: unknown, data?: string): string;
  /** Frames after the last event (OpenAI's `data: [DONE]`). */
  closingFrames: readonly string[];
  /** A fixture's recorded events adapted to the request, and a key naming that adaptation for caching. */
  streamEvents(events: unknown[], request: RecordedRequest): { events: unknown[]; variant: string };
  /** A synthesised answer as a plain body and as stream events. */
  textReply(
    step: TextReply,
    request: RecordedRequest,
    responseNumber: number,
  ): { json: unknown; events: unknown[] };
  /** The provider's error body for an HTTP status. */
  errorBody(status: number, message: string): unknown;
  /** The `GET /v1/models` body. */
  modelsList(models: readonly string[]): unknown;
}

/** Splits text into word-sized pieces (keeping spaces), as providers stream it. */
export function splitIntoWords(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? [text];
}

/** A rough token count for synthesised usage: about four characters a token, at least one. */
export function approximateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
