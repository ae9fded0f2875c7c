import { type Context, propagation } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { inheritedBaggageKeys } from "./gen-ai-conventions.js";

// Session, project and agent are set once (on the workflow or agent span) and travel as W3C baggage,
// in-process and across HTTP, MCP and queued jobs. Copying them onto every span at start lets the store
// index a model call by session and roll its cost up per agent without walking the tree. An agent span
// carries its own name there too: the agent helpers put it in the baggage before starting the span.
// It also counts spans started but not yet ended: after a run, that gauge must be back to zero.

/** Copies inherited baggage entries onto each span and tracks how many spans are open. */
export class InheritedAttributesProcessor implements SpanProcessor {
  private open = 0;

  /** Spans started and not yet ended. */
  get openSpans(): number {
    return this.open;
  }

  onStart(span: Span, parentContext: Context): void {
    this.open += 1;
    const baggage = propagation.getBaggage(parentContext);
    if (!baggage) return;
    for (const key of inheritedBaggageKeys) {
      if (span.attributes[key] !== undefined) continue;
      const entry = baggage.getEntry(key);
      if (entry) span.setAttribute(key, entry.value);
    }
  }

  onEnd(_span: ReadableSpan): void {
    this.open -= 1;
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}
