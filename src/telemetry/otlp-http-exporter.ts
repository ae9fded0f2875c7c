import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import type { SpanExporter } from "@opentelemetry/sdk-trace-base";
import { GantryError } from "../core/index.js";
import { redactUrl } from "../store/index.js";

// Export to any OTLP/HTTP endpoint (Jaeger, Tempo, Honeycomb, an OpenTelemetry Collector, another
// Gantry) with the official exporter, which speaks OTLP/HTTP JSON. It sits behind the same bounded
// queue as the store exporter, so a slow or absent collector never blocks a run and its losses are counted.

export interface OtlpExportOptions {
  /** The full traces endpoint, e.g. `http://127.0.0.1:4318/v1/traces`. */
  url: string;
  /** Extra request headers (authentication for hosted backends). */
  headers?: Record<string, string>;
  /** Per-request timeout. Default 10 s. */
  timeoutMs?: number;
}

/** The official OTLP/HTTP (JSON) trace exporter, configured for `url`. */
export function createOtlpHttpExporter(options: OtlpExportOptions): SpanExporter {
  let parsed: URL;
  try {
    parsed = new URL(options.url);
  } catch (error) {
    throw invalidUrl(options.url, error);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw invalidUrl(options.url);
  return new OTLPTraceExporter({
    url: parsed.toString(),
    headers: options.headers ?? {},
    timeoutMillis: options.timeoutMs ?? 10_000,
  });
}

function invalidUrl(rawUrl: string, cause?: unknown): GantryError {
  const url = redactUrl(rawUrl);
  return new GantryError({
    code: "TELEMETRY_INVALID_CONFIG",
    message: `telemetry.otlp.url must be an http(s) URL, got '${url}'`,
    domain: "TELEMETRY",
    category: "USER",
    details: { field: "otlp.url", value: url },
    cause,
    hint: "Give the collector's full traces endpoint, e.g. http://127.0.0.1:4318/v1/traces.",
  });
}
