import type { IncomingHttpHeaders } from "node:http";

/** One request the fake server received, as the test asserts on it. */
export interface RecordedRequest {
  /** 0-based arrival order. */
  index: number;
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Header names are lower-case, as node:http gives them. */
  headers: IncomingHttpHeaders;
  /** The body parsed as JSON; undefined when empty or not JSON (then see `rawBody`). */
  // biome-ignore lint/suspicious/noExplicitAny: tests probe arbitrary request fields with expect()
  body: any;
  rawBody: string;
  /** True when the body asked for a streamed answer (`"stream": true`). */
  stream: boolean;
}

/** Replay a recorded fixture (`openai-text`, `anthropic-tool-no-args`…): `.json` for plain requests, `.chunks.txt` for streams. */
export interface FixtureReply {
  kind: "fixture";
  /** Basename in test/fixtures/provider-wire without extension; the dialect's default when omitted. */
  fixture?: string;
  delayMs?: number;
}

/** A synthesised text answer in the dialect's shape, streamed word by word when the request streams. */
export interface TextReply {
  kind: "text";
  text: string;
  /** Reported model; the request's `model` when omitted. */
  model?: string;
  usage?: { inputTokens: number; outputTokens: number; cachedInputTokens?: number };
  delayMs?: number;
}

/** Any JSON body, sent as is (for shapes no fixture covers). */
export interface JsonReply {
  kind: "json";
  body: unknown;
  status?: number;
  headers?: Record<string, string>;
  delayMs?: number;
}

/** Raw SSE events, encoded in the dialect's framing (OpenAI appends `data: [DONE]`). */
export interface EventsReply {
  kind: "events";
  events: unknown[];
  delayMs?: number;
}

/** An HTTP error with the provider's error body; `retryAfterSeconds` sets `retry-after`, `retryAfterMs` sets `retry-after-ms`. */
export interface ErrorFault {
  kind?: "error";
  status: number;
  retryAfterSeconds?: number;
  retryAfterMs?: number;
  message?: string;
  headers?: Record<string, string>;
}

/** Never answers (or stalls after `afterChunks` SSE frames) until the client goes away: for timeouts and aborts. */
export interface HangFault {
  kind: "hang";
  afterChunks?: number;
}

/** Sends the first `chunks` frames of a streamed reply (or part of a plain body), then destroys the socket. */
export interface CutAfterFault {
  kind: "cut-after";
  chunks: number;
  fixture?: string;
}

/** Frame `at` (0-based) of a streamed reply is invalid JSON; the rest follows normally. A plain reply's whole body is invalid. */
export interface MalformedFault {
  kind: "malformed";
  at: number;
  fixture?: string;
}

export type FakeReply = FixtureReply | TextReply | JsonReply | EventsReply;
export type FakeFault = ErrorFault | HangFault | CutAfterFault | MalformedFault;
export type FakeStep = FakeReply | FakeFault;

/**
 * What to answer: a queue of steps consumed one per request, or a function of the request (return
 * undefined for the default reply). When the queue is empty, the default reply answers.
 */
export type FakeScript = FakeStep[] | ((request: RecordedRequest) => FakeStep | undefined);

/** True for an HTTP error step (`{ status: 429, retryAfterSeconds: 1 }`). */
export function isErrorFault(step: FakeStep): step is ErrorFault {
  return step.kind === undefined || step.kind === "error";
}
