import { type Context, context, ROOT_CONTEXT } from "@opentelemetry/api";
import {
  extractTraceCarrier,
  type InjectOptions,
  injectTraceCarrier,
  type TraceCarrier,
} from "./w3c-propagation.js";

// A queued job runs later, maybe in another process (`gantry worker`), so the enqueuing context travels
// inside the payload itself, as plain JSON under one reserved key; the consumer restores it and every
// span it starts continues the producer's trace instead of starting an orphan root.

/** The payload key holding the trace carrier. */
export const jobTraceField = "_gantryTrace";

export type TracedJobPayload<T> = T & { [jobTraceField]: TraceCarrier };

/** A copy of `payload` carrying the current trace context under `_gantryTrace`. */
export function wrapJobPayload<T extends object>(
  payload: T,
  options: InjectOptions = {},
): TracedJobPayload<T> {
  return { ...payload, [jobTraceField]: injectTraceCarrier(options) };
}

/** The producer's context stored in a job payload, on top of `base` (default: root). */
export function extractJobContext(payload: unknown, base: Context = ROOT_CONTEXT): Context {
  if (typeof payload !== "object" || payload === null) return base;
  return extractTraceCarrier((payload as Record<string, unknown>)[jobTraceField], base);
}

/** The payload as the producer gave it, without the trace field. */
export function unwrapJobPayload<T extends object>(payload: T): Omit<T, typeof jobTraceField> {
  const { [jobTraceField]: _trace, ...rest } = payload as T & { [jobTraceField]?: unknown };
  return rest;
}

/** Runs a job's handler as a continuation of the trace that enqueued it. */
export function runWithJobContext<T extends object, R>(
  payload: T,
  fn: (payload: Omit<T, typeof jobTraceField>) => R,
): R {
  return context.with(extractJobContext(payload), fn, undefined, unwrapJobPayload(payload));
}
