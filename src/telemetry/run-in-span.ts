import {
  type Attributes,
  type Context,
  context,
  createContextKey,
  type Link,
  type Span,
  type SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from "@opentelemetry/api";
import type { Clock } from "../core/index.js";
import { GantryError } from "../core/index.js";
import { gantryEvents, genAiKeys } from "./gen-ai-conventions.js";

// Every helper span goes through here: start as a child of the current (or given) context, run the
// function with the span active, end it exactly once — on return, on throw, and on abort even when
// the function ignores the signal. That is the "every span is closed" half of trace integrity.

/** The run's abort signal travels in the context, so nested spans end when the run is aborted. */
const abortSignalKey = createContextKey("gantry.abort-signal");

export interface SpanRunOptions {
  name: string;
  kind?: SpanKind;
  attributes?: Attributes;
  links?: Link[];
  /** Parent context; defaults to the active one. */
  parent?: Context;
  /** Ends the span (error status, `aborted` event) when aborted; inherited by nested spans when omitted. */
  signal?: AbortSignal;
}

/** The abort signal carried by a context, if any. */
export function abortSignalOf(activeContext: Context): AbortSignal | undefined {
  return activeContext.getValue(abortSignalKey) as AbortSignal | undefined;
}

/** A context carrying `signal` for the spans started under it. */
export function withAbortSignal(activeContext: Context, signal: AbortSignal): Context {
  return activeContext.setValue(abortSignalKey, signal);
}

function describeReason(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  return reason === undefined ? "aborted" : String(reason);
}

function errorType(error: unknown): string {
  if (GantryError.isInstance(error)) return error.code;
  if (error instanceof Error) return error.name;
  return "_OTHER";
}

function recordError(span: Span, error: unknown, clock: Clock | undefined): void {
  span.recordException(error instanceof Error ? error : String(error), clock?.now());
  span.setAttribute(genAiKeys.errorType, errorType(error));
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  });
}

/** Starts a span, runs `fn` with it active, and ends it exactly once whatever happens. */
export function runInSpan<T>(
  tracer: Tracer,
  clock: Clock | undefined,
  options: SpanRunOptions,
  fn: (span: Span) => Promise<T> | T,
): Promise<T> {
  const parent = options.parent ?? context.active();
  const signal = options.signal ?? abortSignalOf(parent);
  const span = tracer.startSpan(
    options.name,
    { kind: options.kind, links: options.links, startTime: clock?.now() },
    parent,
  );
  // Set after start: the SDK sanitises start attributes twice more than setAttributes does (about a
  // microsecond for a chat span), and Gantry's head sampler records everything without reading them.
  if (options.attributes) span.setAttributes(options.attributes);
  let active = trace.setSpan(parent, span);
  if (options.signal) active = withAbortSignal(active, options.signal);
  // The common case (no abort signal) allocates no closures: this runs on every model and tool call.
  return signal ? runAbortable(span, active, clock, signal, fn) : runPlain(span, active, clock, fn);
}

async function runPlain<T>(
  span: Span,
  active: Context,
  clock: Clock | undefined,
  fn: (span: Span) => Promise<T> | T,
): Promise<T> {
  try {
    return await context.with(active, fn, undefined, span);
  } catch (error) {
    recordError(span, error, clock);
    throw error;
  } finally {
    span.end(clock?.now());
  }
}

async function runAbortable<T>(
  span: Span,
  active: Context,
  clock: Clock | undefined,
  signal: AbortSignal,
  fn: (span: Span) => Promise<T> | T,
): Promise<T> {
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    span.end(clock?.now());
  };
  // On abort the span ends at once, even if `fn` ignores the signal and never returns.
  const markAborted = () => {
    if (ended) return;
    span.addEvent(
      gantryEvents.aborted,
      { [gantryEvents.abortReasonKey]: describeReason(signal.reason) },
      clock?.now(),
    );
    span.setAttribute(genAiKeys.errorType, "aborted");
    span.setStatus({ code: SpanStatusCode.ERROR, message: "aborted" });
    end();
  };
  if (signal.aborted) markAborted();
  else signal.addEventListener("abort", markAborted, { once: true });
  try {
    return await context.with(active, fn, undefined, span);
  } catch (error) {
    if (signal.aborted) markAborted();
    else if (!ended) recordError(span, error, clock);
    throw error;
  } finally {
    signal.removeEventListener("abort", markAborted);
    end();
  }
}
