import { z } from "zod";

// Delay between stream chunks; when absent the sim derives it from the sampled first-token delay.
const chunkMs = z.number().nonnegative().optional();

/** Latency model for the sim provider: fixed, normal, or lognormal shaped to hit a target p95. */
export const simLatencySchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("none") }),
  z.strictObject({ kind: z.literal("fixed"), ms: z.number().nonnegative(), chunkMs }),
  z.strictObject({
    kind: z.literal("normal"),
    meanMs: z.number().nonnegative(),
    stdDevMs: z.number().nonnegative(),
    chunkMs,
  }),
  z
    .strictObject({
      kind: z.literal("lognormal"),
      medianMs: z.number().positive(),
      p95Ms: z.number().positive(),
      chunkMs,
    })
    .refine((latency) => latency.p95Ms >= latency.medianMs, {
      message: "p95Ms must be at least medianMs (a heavy tail lies above the median)",
      path: ["p95Ms"],
    }),
]);

const faultRateNames = ["rateLimit", "serverError", "timeout", "cutStream", "malformedChunk"] as const;

/**
 * Fault injection rates for the sim provider, each a probability per call in [0, 1]. The sim draws one
 * number per call and gives each fault its own slice of [0, 1), so the rates must add up to at most 1.
 */
export const simFaultsSchema = z
  .strictObject({
    rateLimit: z.number().min(0).max(1).default(0),
    retryAfterSeconds: z.number().nonnegative().default(1),
    serverError: z.number().min(0).max(1).default(0),
    timeout: z.number().min(0).max(1).default(0),
    timeoutMs: z.number().positive().default(30_000),
    cutStream: z.number().min(0).max(1).default(0),
    malformedChunk: z.number().min(0).max(1).default(0),
  })
  .refine((faults) => faultRateNames.reduce((sum, name) => sum + faults[name], 0) <= 1 + 1e-9, {
    message: `the fault rates (${faultRateNames.join(", ")}) add up to more than 1; lower them`,
  });

export const simSettingsSchema = z.strictObject({
  /** Same seed, same run. */
  seed: z.number().int().default(42),
  /** Scenario files (YAML or TS), relative to the workspace. */
  scenarios: z.array(z.string()).default([]),
  latency: simLatencySchema.default({ kind: "none" }),
  faults: simFaultsSchema.prefault({}),
});

export type SimSettings = z.output<typeof simSettingsSchema>;
export type SimLatency = z.output<typeof simLatencySchema>;
export type SimFaults = z.output<typeof simFaultsSchema>;
