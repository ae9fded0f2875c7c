import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import {
  type FakeScript,
  type FakeStep,
  isErrorFault,
  type RecordedRequest,
} from "./fake-upstream-script.js";
import { loadWireFixture } from "./fixture-library.js";
import type { UpstreamDialect } from "./upstream-dialect.js";

export interface FakeUpstreamOptions {
  /** Steps consumed one per model request, or a function of the request; then `defaultReply`. */
  script?: FakeScript;
  /** Answer when the script has nothing to say; replays the dialect's default fixture when omitted. */
  defaultReply?: FakeStep;
  /** Added before every answer (a step's own `delayMs` wins), to give a benchmark a realistic upstream. */
  responseDelayMs?: number;
  /** Keep every request in `requests` (default true); a benchmark turns it off and reads `requestCount`. */
  record?: boolean;
  /** Model ids listed by `GET /v1/models`. */
  models?: readonly string[];
}

/** A running fake provider on 127.0.0.1. */
export interface FakeUpstream {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** `<url>/v1`: what OPENAI_BASE_URL, ANTHROPIC_BASE_URL or a provider's `baseURL` should be. */
  baseURL: string;
  /** Every request received (model calls and model listings), in arrival order. */
  requests: RecordedRequest[];
  /** Requests received so far, counted even when `record` is false. */
  readonly requestCount: number;
  /** Adds steps to the queue; they answer before a function script and the default reply. */
  enqueue(...steps: FakeStep[]): void;
  /** Resolves once `count` requests have arrived; rejects after `timeoutMs` (default 5 s). */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  /** Destroys open connections (hung requests included) and stops listening. */
  close(): Promise<void>;
}

const sseHeaders = {
  "content-type": "text/event-stream",
  "cache-control": "no-cache",
  connection: "keep-alive",
};

/** Starts a fake upstream speaking `dialect` on an ephemeral loopback port. */
export async function startFakeUpstream(
  dialect: UpstreamDialect,
  options: FakeUpstreamOptions = {},
): Promise<FakeUpstream> {
  const queue: FakeStep[] = Array.isArray(options.script) ? [...options.script] : [];
  const scriptFunction = typeof options.script === "function" ? options.script : undefined;
  const defaultReply: FakeStep = options.defaultReply ?? { kind: "fixture" };
  const record = options.record ?? true;
  const models = options.models ?? ["fake-model"];
  const requests: RecordedRequest[] = [];
  const waiters = new Set<() => void>();
  const streamCache = new Map<string, { frames: string[]; body: string }>();
  let requestCount = 0;
  let generateCount = 0;

  const fixtureFrames = (name: string | undefined, request: RecordedRequest) => {
    const fixture = loadWireFixture(name ?? dialect.defaultFixture);
    if (!fixture.events) throw new Error(`fixture "${fixture.name}" has no recorded stream (.chunks.txt)`);
    const { events, variant } = dialect.streamEvents(fixture.events, request);
    const key = `${fixture.name}|${variant}`;
    let cached = streamCache.get(key);
    if (!cached) {
      const frames = [...events.map((event) => dialect.frame(event)), ...dialect.closingFrames];
      cached = { frames, body: frames.join("") };
      streamCache.set(key, cached);
    }
    return { events, ...cached };
  };
  const jsonCache = new Map<string, string>();
  const fixtureJsonText = (name: string | undefined) => {
    const fixture = loadWireFixture(name ?? dialect.defaultFixture);
    if (fixture.json === undefined) {
      throw new Error(`fixture "${fixture.name}" has no recorded plain body (.json)`);
    }
    let text = jsonCache.get(fixture.name);
    if (text === undefined) {
      text = JSON.stringify(fixture.json);
      jsonCache.set(fixture.name, text);
    }
    return text;
  };
  const sendJsonText = (response: ServerResponse, status: number, text: string, headers = {}) => {
    response.writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
      ...headers,
    });
    response.end(text);
  };
  const sendJson = (response: ServerResponse, status: number, body: unknown, headers = {}) =>
    sendJsonText(response, status, JSON.stringify(body), headers);
  // Writes, then destroys the socket once the bytes are flushed, so the client sees content then a cut.
  const writeThenCut = (response: ServerResponse, text: string) => {
    response.write(text, () => response.socket?.destroy());
  };

  const answer = async (step: FakeStep, request: RecordedRequest, response: ServerResponse) => {
    const stepDelay = "delayMs" in step ? step.delayMs : undefined;
    const wait = stepDelay ?? options.responseDelayMs ?? 0;
    if (wait > 0) await delay(wait);
    if (response.destroyed) return;
    if (isErrorFault(step)) {
      const headers: Record<string, string> = { ...step.headers };
      if (step.retryAfterSeconds !== undefined) headers["retry-after"] = String(step.retryAfterSeconds);
      if (step.retryAfterMs !== undefined) headers["retry-after-ms"] = String(step.retryAfterMs);
      const message = step.message ?? `fake upstream answered ${step.status}`;
      sendJson(response, step.status, dialect.errorBody(step.status, message), headers);
      return;
    }
    switch (step.kind) {
      case "fixture":
        if (request.stream) {
          response.writeHead(200, sseHeaders);
          response.end(fixtureFrames(step.fixture, request).body);
        } else sendJsonText(response, 200, fixtureJsonText(step.fixture));
        return;
      case "text": {
        const reply = dialect.textReply(step, request, generateCount);
        if (request.stream) {
          response.writeHead(200, sseHeaders);
          response.end(
            [...reply.events.map((event) => dialect.frame(event)), ...dialect.closingFrames].join(""),
          );
        } else sendJson(response, 200, reply.json);
        return;
      }
      case "json":
        sendJson(response, step.status ?? 200, step.body, step.headers);
        return;
      case "events":
        response.writeHead(200, sseHeaders);
        response.end(
          [...step.events.map((event) => dialect.frame(event)), ...dialect.closingFrames].join(""),
        );
        return;
      case "hang":
        if (step.afterChunks !== undefined) {
          response.writeHead(200, sseHeaders);
          response.write(fixtureFrames(undefined, request).frames.slice(0, step.afterChunks).join(""));
        }
        return; // the connection stays open until the client aborts or close() destroys it
      case "cut-after":
        if (request.stream) {
          response.writeHead(200, sseHeaders);
          writeThenCut(response, fixtureFrames(step.fixture, request).frames.slice(0, step.chunks).join(""));
        } else {
          const text = fixtureJsonText(step.fixture);
          response.writeHead(200, { "content-type": "application/json" });
          writeThenCut(response, text.slice(0, Math.floor(text.length / 2)));
        }
        return;
      case "malformed": {
        if (!request.stream) {
          response.writeHead(200, { "content-type": "application/json" });
          response.end('{"id": "malformed", "choices": [');
          return;
        }
        const { events, frames } = fixtureFrames(step.fixture, request);
        if (step.at < 0 || step.at >= events.length) {
          throw new Error(`malformed.at ${step.at} is outside the ${events.length} events of the stream`);
        }
        const original = JSON.stringify(events[step.at]);
        const broken = [...frames];
        broken[step.at] = dialect.frame(events[step.at], original.slice(0, Math.ceil(original.length / 2)));
        response.writeHead(200, sseHeaders);
        response.end(broken.join(""));
        return;
      }
    }
  };

  const nextStep = (request: RecordedRequest): FakeStep =>
    queue.shift() ?? scriptFunction?.(request) ?? defaultReply;

  const handle = async (incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    let body: unknown;
    try {
      body = rawBody === "" ? undefined : JSON.parse(rawBody);
    } catch {
      body = undefined;
    }
    const path = (incoming.url ?? "/").split("?")[0] ?? "/";
    const request: RecordedRequest = {
      index: requestCount,
      method: incoming.method ?? "GET",
      path,
      headers: incoming.headers,
      body,
      rawBody,
      stream: (body as { stream?: unknown } | undefined)?.stream === true,
    };
    requestCount += 1;
    if (record) requests.push(request);
    for (const waiter of waiters) waiter();
    const route = dialect.route(request.method, path);
    if (route === "models") return sendJson(response, 200, dialect.modelsList(models));
    if (route === undefined)
      return sendJson(response, 404, dialect.errorBody(404, `no route ${request.method} ${path}`));
    generateCount += 1;
    await answer(nextStep(request), request, response);
  };

  const server = createServer((incoming, response) => {
    // A client that aborts mid-answer makes writes fail; that is the point of several faults, not a bug.
    response.on("error", () => {});
    handle(incoming, response).catch((error: unknown) => {
      if (response.headersSent) return void response.socket?.destroy();
      const message = error instanceof Error ? error.message : String(error);
      sendJson(response, 500, dialect.errorBody(500, `fake upstream script error: ${message}`));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    baseURL: `${url}/v1`,
    requests,
    get requestCount() {
      return requestCount;
    },
    enqueue: (...steps) => void queue.push(...steps),
    waitForRequests: (count, timeoutMs = 5_000) =>
      new Promise<void>((resolve, reject) => {
        if (requestCount >= count) return resolve();
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} requests within ${timeoutMs} ms, got ${requestCount}`));
        }, timeoutMs);
        const check = () => {
          if (requestCount < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
