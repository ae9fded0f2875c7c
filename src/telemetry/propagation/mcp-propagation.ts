import { type Context, ROOT_CONTEXT } from "@opentelemetry/api";
import { extractTraceCarrier, type InjectOptions, injectTraceCarrier } from "./w3c-propagation.js";

// MCP requests carry trace context in `params._meta` (`traceparent`, `tracestate`, `baggage`), as the
// OpenTelemetry MCP conventions describe: it survives every transport (stdio, streamable HTTP) because
// it is part of the JSON-RPC message, not of an HTTP header.

/** JSON-RPC params with the MCP `_meta` object. */
export type McpParams = Record<string, unknown> & { _meta?: Record<string, unknown> };

/** A copy of `params` whose `_meta` also carries the current trace context (other `_meta` keys are kept). */
export function injectMcpMeta<T extends Record<string, unknown>>(
  params: T | undefined,
  options: InjectOptions = {},
): T & { _meta: Record<string, unknown> } {
  const base = (params ?? {}) as T;
  const existing =
    typeof base._meta === "object" && base._meta !== null ? (base._meta as Record<string, unknown>) : {};
  return { ...base, _meta: { ...existing, ...injectTraceCarrier(options) } };
}

/** The caller's trace context from a request's `params._meta`, on top of `base` (default: root). */
export function extractMcpMeta(params: unknown, base: Context = ROOT_CONTEXT): Context {
  if (typeof params !== "object" || params === null) return base;
  return extractTraceCarrier((params as McpParams)._meta, base);
}
