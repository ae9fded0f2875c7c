import { describe, expect, it } from "vitest";
import { catchGantryError } from "../../../test/support/catch-gantry-error.js";
import { defaultBreakerSettings, resolveBreakerSettings } from "./breaker-settings.js";
import type { BreakerSettings } from "./breaker-spec.js";

describe("resolveBreakerSettings", () => {
  it("fills in every default", () => {
    expect(resolveBreakerSettings()).toEqual({
      tripMultiplier: 3,
      minSamples: 20,
      historySize: 200,
      repeatedCallLimit: 3,
      pingPongLimit: 3,
      degradation: "stop-tools-and-summarize",
      cooldownMs: 600_000,
      openAfterTrips: 3,
    });
  });

  it("keeps given values, treats undefined members as unset and does not touch the defaults", () => {
    const settings = resolveBreakerSettings({
      tripMultiplier: 2.5,
      degradation: "hard-stop",
      maxIterations: 12,
      maxUsdPerMinute: 0.5,
      envelope: { p50Usd: 0.01, p95Usd: 0.04 },
      cooldownMs: undefined,
    });
    expect(settings).toMatchObject({
      tripMultiplier: 2.5,
      degradation: "hard-stop",
      maxIterations: 12,
      maxUsdPerMinute: 0.5,
      envelope: { p50Usd: 0.01, p95Usd: 0.04 },
      cooldownMs: 600_000,
    });
    expect(defaultBreakerSettings.degradation).toBe("stop-tools-and-summarize");
  });

  const bad: Array<[string, Record<string, unknown>]> = [
    ["tripMultiplier", { tripMultiplier: 0 }],
    ["tripMultiplier", { tripMultiplier: Number.NaN }],
    ["tripMultiplier", { tripMultiplier: "3" }],
    ["minSamples", { minSamples: 0 }],
    ["minSamples", { minSamples: 2.5 }],
    ["historySize", { historySize: 10 }],
    ["maxUsdPerMinute", { maxUsdPerMinute: -1 }],
    ["maxIterations", { maxIterations: 0 }],
    ["repeatedCallLimit", { repeatedCallLimit: 1 }],
    ["pingPongLimit", { pingPongLimit: 1 }],
    ["degradation", { degradation: "panic" }],
    ["cooldownMs", { cooldownMs: 0 }],
    ["openAfterTrips", { openAfterTrips: 0 }],
    ["envelope", { envelope: 3 }],
    ["envelope.p50Usd", { envelope: { p50Usd: -0.1, p95Usd: 1 } }],
    ["envelope.p95Usd", { envelope: { p50Usd: 0.1 } }],
    ["envelope.p95Usd", { envelope: { p50Usd: 0.5, p95Usd: 0.2 } }],
    ["envelope.p99Usd", { envelope: { p50Usd: 0.1, p95Usd: 0.2, p99Usd: 0.3 } }],
    ["tripMultipler", { tripMultipler: 3 }],
  ];

  it.each(bad)("names the field %s when it is wrong", (field, partial) => {
    const error = catchGantryError(() => resolveBreakerSettings(partial as Partial<BreakerSettings>));
    expect(error.code).toBe("BREAKER_SETTINGS_INVALID");
    expect(error.category).toBe("USER");
    expect(error.details.field).toBe(field);
    expect(error.message).toContain(`breaker.${field}`);
    expect(error.hint).toContain(`breaker.${field}`);
  });
});
