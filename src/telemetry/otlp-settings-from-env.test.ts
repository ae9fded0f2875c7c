import { describe, expect, it } from "vitest";
import { otlpSettingsFromEnv } from "./otlp-settings-from-env.js";

describe("otlpSettingsFromEnv", () => {
  it("is undefined without an endpoint", () => {
    expect(otlpSettingsFromEnv({})).toBeUndefined();
  });

  it("appends /v1/traces to the base endpoint, and prefers the traces endpoint", () => {
    expect(otlpSettingsFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318/" })).toEqual({
      url: "http://127.0.0.1:4318/v1/traces",
    });
    expect(
      otlpSettingsFromEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318",
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://127.0.0.1:9999/custom",
      })?.url,
    ).toBe("http://127.0.0.1:9999/custom");
  });

  it("reads URL-encoded headers", () => {
    expect(
      otlpSettingsFromEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318",
        OTEL_EXPORTER_OTLP_HEADERS: "authorization=Bearer%20abc, x-team = core",
      })?.headers,
    ).toEqual({ authorization: "Bearer abc", "x-team": "core" });
  });
});
