import { type Context, context, ROOT_CONTEXT } from "@opentelemetry/api";
import { extractTraceCarrier, type InjectOptions, injectTraceCarrier } from "./w3c-propagation.js";

// W3C trace context over HTTP, for the gateway's way in (extract from the request) and way out
// (inject into requests to providers, MCP servers, other agents).

/** Fetch `Headers` or a plain header record (Node's `IncomingHttpHeaders`, an `init.headers` object). */
export type HeaderCarrier = Headers | Record<string, string | string[] | undefined>;

/** Adds `traceparent` (+ `tracestate`, `baggage`) for the current span to `headers`, and returns them. */
export function injectHttpHeaders<T extends HeaderCarrier>(headers: T, options: InjectOptions = {}): T {
  const carrier = injectTraceCarrier(options);
  for (const [name, value] of Object.entries(carrier)) {
    if (headers instanceof Headers) headers.set(name, value);
    else (headers as Record<string, string | string[] | undefined>)[name] = value;
  }
  return headers;
}

/** The remote parent described by incoming request headers, on top of `base` (default: the root context). */
export function extractHttpContext(headers: HeaderCarrier, base: Context = ROOT_CONTEXT): Context {
  if (headers instanceof Headers) return extractTraceCarrier(Object.fromEntries(headers.entries()), base);
  return extractTraceCarrier(headers, base);
}

/** Runs `fn` as a continuation of the trace in the incoming request's headers. */
export function runWithHttpContext<T>(headers: HeaderCarrier, fn: () => T): T {
  return context.with(extractHttpContext(headers), fn);
}

type Fetch = typeof globalThis.fetch;

/** A `fetch` that adds the current trace context to every request (give it to AI SDK providers as `fetch`). */
export function createTracedFetch(
  baseFetch: Fetch = globalThis.fetch,
  options: Omit<InjectOptions, "context"> = {},
): Fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    injectHttpHeaders(headers, options);
    return baseFetch(input, { ...init, headers });
  };
}

/** `fetch` with the current trace context (traceparent, tracestate, baggage) in its headers. */
export const tracedFetch: Fetch = (input, init) => createTracedFetch()(input, init);
