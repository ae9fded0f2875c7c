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

/** Starts a span, runs `fn` with it active, and ends it exactly once whatever happens. */
export async function runInSpan<T>(
  tracer: Tracer,
  clock: Clock | undefined,
  options: SpanRunOptions,
  fn: (span: Span) => Promise<T> | T,
): Promise<T> {
  const parent = options.parent ?? context.active();
  const signal = options.signal ?? abortSignalOf(parent);
  const span = tracer.startSpan(
    options.name,
    {
      kind: options.kind,
      attributes: options.attributes,
      links: options.links,
      startTime: clock?.now(),
    },
    parent,
  );
  let active = trace.setSpan(parent, span);
  if (options.signal) active = withAbortSignal(active, options.signal);

  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    span.end(clock?.now());
  };
  const markAborted = () => {
    if (ended || !signal) return;
    span.addEvent(
      gantryEvents.aborted,
      { [gantryEvents.abortReasonKey]: describeReason(signal.reason) },
      clock?.now(),
    );
    span.setAttribute(genAiKeys.errorType, "aborted");
    span.setStatus({ code: SpanStatusCode.ERROR, message: "aborted" });
    end();
  };
  if (signal?.aborted) markAborted();
  else signal?.addEventListener("abort", markAborted, { once: true });

  try {
    return await context.with(active, fn, undefined, span);
  } catch (error) {
    if (signal?.aborted) markAborted();
    else if (!ended) {
      span.recordException(error instanceof Error ? error : String(error), clock?.now());
      span.setAttribute(genAiKeys.errorType, errorType(error));
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: error instanceof Error ? error.message : String(error),
      });
    }
    throw error;
  } finally {
    signal?.removeEventListener("abort", markAborted);
    end();
  }
}
