import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { Readable } from "node:stream";

/** The `fetch` signature the AI SDK providers accept. */
export type FetchFunction = typeof globalThis.fetch;

/**
 * A `fetch` for provider calls over node:http(s) with keep-alive agents. Node's built-in fetch
 * (undici's WHATWG layer) spends ~0.5 ms of CPU per call on this machine; this spends a quarter of
 * that, which is most of a gateway's own cost per request (bench/gateway). It covers what the AI SDK
 * sends — a URL, a method, plain headers and a string or byte body — and hands anything else to the
 * built-in fetch. Failures look like undici's (`TypeError: fetch failed` with the socket error as
 * cause, the signal's reason on abort), so retry classification treats both alike.
 */
export function createKeepAliveFetch(options: { maxSockets?: number } = {}): FetchFunction {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 256,
    scheduling: "lifo" as const,
  };
  const agents = { http: new HttpAgent(agentOptions), https: new HttpsAgent(agentOptions) };

  return (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : undefined;
    const body = init?.body;
    const simpleBody =
      body === undefined || body === null || typeof body === "string" || body instanceof Uint8Array;
    const headers = init?.headers;
    const simpleHeaders = headers === undefined || (typeof headers === "object" && !Array.isArray(headers));
    if (url === undefined || !simpleBody || !simpleHeaders || !/^https?:/.test(url)) {
      return globalThis.fetch(input, init);
    }
    const signal = init?.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const secure = url.startsWith("https:");
    return new Promise<Response>((resolve, reject) => {
      const requestHeaders = plainHeaders(headers);
      // A declared length spares both ends chunked framing (and the upstream its parsing).
      if (typeof body === "string") requestHeaders["content-length"] = String(Buffer.byteLength(body));
      else if (body instanceof Uint8Array) requestHeaders["content-length"] = String(body.byteLength);
      const outgoing = (secure ? httpsRequest : httpRequest)(url, {
        method: init?.method ?? "GET",
        headers: requestHeaders,
        agent: secure ? agents.https : agents.http,
      });
      const onAbort = () => {
        const reason = abortReason(signal!);
        outgoing.destroy(reason instanceof Error ? reason : undefined);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      outgoing.on("error", (error) => {
        signal?.removeEventListener("abort", onAbort);
        reject(signal?.aborted ? abortReason(signal) : fetchFailed(error));
      });
      outgoing.on("response", (incoming) => {
        const responseHeaders = webHeaders(incoming);
        const status = incoming.statusCode ?? 502;
        // Event streams are passed through as they arrive; other bodies are small JSON, read whole.
        if (responseHeaders.get("content-type")?.includes("text/event-stream")) {
          incoming.once("close", () => signal?.removeEventListener("abort", onAbort));
          const stream = Readable.toWeb(incoming) as ReadableStream<Uint8Array>;
          resolve(
            new Response(stream, { status, statusText: incoming.statusMessage, headers: responseHeaders }),
          );
          return;
        }
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("error", (error) => reject(signal?.aborted ? abortReason(signal) : fetchFailed(error)));
        incoming.on("end", () => {
          signal?.removeEventListener("abort", onAbort);
          const bytes = Buffer.concat(chunks);
          // A Response may not carry a body with these statuses.
          const empty = status === 204 || status === 304 || status < 200;
          resolve(
            new Response(empty ? null : bytes, {
              status,
              statusText: incoming.statusMessage,
              headers: responseHeaders,
            }),
          );
        });
      });
      outgoing.end(body ?? undefined);
    });
  };
}

function plainHeaders(headers: RequestInit["headers"]): Record<string, string> {
  if (headers === undefined) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers as Record<string, string | undefined>)) {
    if (value !== undefined) result[name] = value;
  }
  return result;
}

function webHeaders(incoming: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let index = 0; index < raw.length; index += 2) headers.append(raw[index]!, raw[index + 1]!);
  return headers;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}

// What undici's fetch throws for a network failure, so callers that recognise it keep working.
function fetchFailed(cause: Error): TypeError {
  return Object.assign(new TypeError("fetch failed"), { cause });
}
