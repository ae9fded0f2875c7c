import { breakerSettingsInvalid } from "./breaker-errors.js";
import { type BreakerSettings, type Degradation, degradations } from "./breaker-spec.js";

// Breaker settings as an agent declares them (every field optional) resolved against the defaults.
// Validation names the field, because these come from a user's defineAgent({ breaker }) call.

/** Defaults of every breaker setting that has one. */
export const defaultBreakerSettings: Readonly<BreakerSettings> = Object.freeze({
  tripMultiplier: 3,
  minSamples: 20,
  historySize: 200,
  repeatedCallLimit: 3,
  pingPongLimit: 3,
  degradation: "stop-tools-and-summarize",
  cooldownMs: 10 * 60_000,
  openAfterTrips: 3,
});

const knownFields = new Set<string>([
  "tripMultiplier",
  "envelope",
  "minSamples",
  "historySize",
  "maxUsdPerMinute",
  "maxIterations",
  "repeatedCallLimit",
  "pingPongLimit",
  "degradation",
  "cooldownMs",
  "openAfterTrips",
]);

/** Fills in the defaults and checks every field; throws BREAKER_SETTINGS_INVALID naming the first bad one. */
export function resolveBreakerSettings(partial: Partial<BreakerSettings> | undefined = {}): BreakerSettings {
  if (typeof partial !== "object" || partial === null || Array.isArray(partial)) {
    throw breakerSettingsInvalid("(settings)", "must be an object of breaker settings", partial);
  }
  for (const key of Object.keys(partial)) {
    if (!knownFields.has(key)) {
      throw breakerSettingsInvalid(
        key,
        `is not a breaker setting (known: ${[...knownFields].join(", ")})`,
        key,
      );
    }
  }
  // Explicit `undefined` members mean "not set", as with an omitted field.
  const given = Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined));
  const settings: BreakerSettings = { ...defaultBreakerSettings, ...given };

  positiveNumber("tripMultiplier", settings.tripMultiplier);
  integerAtLeast("minSamples", settings.minSamples, 1);
  integerAtLeast("historySize", settings.historySize, 1);
  if (settings.historySize < settings.minSamples) {
    throw breakerSettingsInvalid(
      "historySize",
      `must be at least minSamples (${settings.minSamples}), or the envelope could never be learned`,
      settings.historySize,
    );
  }
  if (settings.maxUsdPerMinute !== undefined) positiveNumber("maxUsdPerMinute", settings.maxUsdPerMinute);
  if (settings.maxIterations !== undefined) integerAtLeast("maxIterations", settings.maxIterations, 1);
  // A limit of 1 would trip on every first call or handoff, which is never a loop.
  integerAtLeast("repeatedCallLimit", settings.repeatedCallLimit, 2);
  integerAtLeast("pingPongLimit", settings.pingPongLimit, 2);
  if (!isDegradation(settings.degradation)) {
    throw breakerSettingsInvalid(
      "degradation",
      `must be one of ${degradations.join(", ")}`,
      settings.degradation,
    );
  }
  integerAtLeast("cooldownMs", settings.cooldownMs, 1);
  integerAtLeast("openAfterTrips", settings.openAfterTrips, 1);
  if (settings.envelope !== undefined) settings.envelope = checkedEnvelope(settings.envelope);
  return settings;
}

function checkedEnvelope(envelope: unknown): { p50Usd: number; p95Usd: number } {
  if (typeof envelope !== "object" || envelope === null || Array.isArray(envelope)) {
    throw breakerSettingsInvalid("envelope", "must be { p50Usd, p95Usd }", envelope);
  }
  const { p50Usd, p95Usd, ...rest } = envelope as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined)
    throw breakerSettingsInvalid(`envelope.${extra}`, "is not an envelope field", extra);
  if (typeof p50Usd !== "number" || !Number.isFinite(p50Usd) || p50Usd < 0) {
    throw breakerSettingsInvalid("envelope.p50Usd", "must be a number of USD >= 0", p50Usd);
  }
  positiveNumber("envelope.p95Usd", p95Usd);
  if ((p95Usd as number) < p50Usd) {
    throw breakerSettingsInvalid("envelope.p95Usd", `must be at least envelope.p50Usd (${p50Usd})`, p95Usd);
  }
  return { p50Usd, p95Usd: p95Usd as number };
}

function positiveNumber(field: string, value: unknown): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw breakerSettingsInvalid(field, "must be a number > 0", value);
  }
}

function integerAtLeast(field: string, value: unknown, minimum: number): void {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < minimum) {
    throw breakerSettingsInvalid(field, `must be a whole number >= ${minimum}`, value);
  }
}

/** Whether a value names a degradation. */
export function isDegradation(value: unknown): value is Degradation {
  return (degradations as readonly unknown[]).includes(value);
}
