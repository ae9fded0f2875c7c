import {
  type Context,
  context,
  ROOT_CONTEXT,
  type TextMapGetter,
  type TextMapSetter,
} from "@opentelemetry/api";
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from "@opentelemetry/core";

// One W3C propagator (traceparent, tracestate, baggage) used by every carrier: HTTP headers, MCP
// `params._meta`, job payloads. It is held here rather than taken from the global propagation API,
// whose default is a no-op until someone registers one: Gantry's propagation must work regardless.

const traceContextPropagator = new W3CTraceContextPropagator();
const fullPropagator = new CompositePropagator({
  propagators: [traceContextPropagator, new W3CBaggagePropagator()],
});

/** A plain string map carrying `traceparent`, `tracestate` and `baggage`; JSON-serialisable. */
export type TraceCarrier = Record<string, string>;

export interface InjectOptions {
  /** The context to propagate; defaults to the active one. */
  context?: Context;
  /** Also send W3C baggage (session, project, agent). Default true; turn off towards third parties. */
  baggage?: boolean;
}

const recordSetter: TextMapSetter<TraceCarrier> = {
  set(carrier, key, value) {
    carrier[key] = value;
  },
};

const recordGetter: TextMapGetter<Record<string, unknown>> = {
  keys(carrier) {
    return Object.keys(carrier);
  },
  get(carrier, key) {
    const direct = carrier[key];
    if (typeof direct === "string") return direct;
    // Carriers built by hand may spell `Traceparent`; HTTP header names are case-insensitive.
    for (const [name, value] of Object.entries(carrier)) {
      if (name.toLowerCase() !== key) continue;
      if (typeof value === "string") return value;
      if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
    }
    return undefined;
  },
};

/** The current (or given) trace context as a plain carrier; empty when there is no span to continue. */
export function injectTraceCarrier(options: InjectOptions = {}): TraceCarrier {
  const carrier: TraceCarrier = {};
  const propagator = options.baggage === false ? traceContextPropagator : fullPropagator;
  propagator.inject(options.context ?? context.active(), carrier, recordSetter);
  return carrier;
}

/** The context described by a carrier (traceparent, tracestate, baggage), on top of `base` (default: root). */
export function extractTraceCarrier(carrier: unknown, base: Context = ROOT_CONTEXT): Context {
  if (typeof carrier !== "object" || carrier === null) return base;
  return fullPropagator.extract(base, carrier as Record<string, unknown>, recordGetter);
}
