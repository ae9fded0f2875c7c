import type { OtlpExportOptions } from "./otlp-http-exporter.js";

/**
 * OTLP export settings from the standard OpenTelemetry variables, so `gantry up` sends its spans to
 * a team's collector the way any OTel SDK would: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (the full
 * URL), else `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`; headers from `OTEL_EXPORTER_OTLP_HEADERS`
 * (`key=value,key2=value2`, values URL-encoded). Undefined when neither endpoint is set.
 */
export function otlpSettingsFromEnv(env: Record<string, string | undefined>): OtlpExportOptions | undefined {
  const tracesEndpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const baseEndpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const url = tracesEndpoint || (baseEndpoint ? `${baseEndpoint.replace(/\/+$/, "")}/v1/traces` : undefined);
  if (!url) return undefined;
  const headers: Record<string, string> = {};
  for (const pair of (env.OTEL_EXPORTER_OTLP_TRACES_HEADERS ?? env.OTEL_EXPORTER_OTLP_HEADERS ?? "").split(
    ",",
  )) {
    const separator = pair.indexOf("=");
    if (separator <= 0) continue;
    headers[decodeURIComponent(pair.slice(0, separator).trim())] = decodeURIComponent(
      pair.slice(separator + 1).trim(),
    );
  }
  return Object.keys(headers).length > 0 ? { url, headers } : { url };
}
