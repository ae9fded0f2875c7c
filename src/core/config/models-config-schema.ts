import { z } from "zod";
import { simSettingsSchema } from "./sim-settings-schema.js";

/** Wire protocols a provider can speak. */
export const providerKinds = ["openai", "anthropic", "openai-compatible", "sim"] as const;
export type ProviderKind = (typeof providerKinds)[number];

/**
 * One provider a workspace can call. Built in without configuration: `openai` (OPENAI_API_KEY,
 * OPENAI_BASE_URL), `anthropic` (ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL), `ollama` (OLLAMA_BASE_URL,
 * no key) and `sim`. A configured entry with the same name overrides the built-in one.
 */
export const providerSchema = z.strictObject({
  kind: z.enum(providerKinds),
  /** API root, e.g. `https://api.groq.com/openai/v1`; for openai-compatible it is required. */
  baseURL: z.url().optional(),
  /** Name of the environment variable holding the key (never the key itself). */
  apiKeyEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, "an environment variable name such as GROQ_API_KEY")
    .optional(),
  /** false for local servers (Ollama, vLLM) that take no key. */
  requiresKey: z.boolean().optional(),
  headers: z.record(z.string(), z.string()).default({}),
});

/** A price entry in LiteLLM's `model_prices_and_context_window.json` format (USD per token). */
export const priceEntrySchema = z.looseObject({
  litellm_provider: z.string().optional(),
  mode: z.string().optional(),
  max_input_tokens: z.number().optional(),
  max_output_tokens: z.number().optional(),
  input_cost_per_token: z.number().nonnegative().optional(),
  output_cost_per_token: z.number().nonnegative().optional(),
  cache_read_input_token_cost: z.number().nonnegative().optional(),
  cache_creation_input_token_cost: z.number().nonnegative().optional(),
  cache_creation_input_token_cost_above_1hr: z.number().nonnegative().optional(),
  output_cost_per_reasoning_token: z.number().nonnegative().optional(),
  input_cost_per_token_above_200k_tokens: z.number().nonnegative().optional(),
  output_cost_per_token_above_200k_tokens: z.number().nonnegative().optional(),
  cache_read_input_token_cost_above_200k_tokens: z.number().nonnegative().optional(),
  cache_creation_input_token_cost_above_200k_tokens: z.number().nonnegative().optional(),
});
export type PriceEntry = z.output<typeof priceEntrySchema>;

export const pricesSchema = z.strictObject({
  /** A LiteLLM-format price file (relative to the workspace) merged over the bundled one. */
  file: z.string().min(1).optional(),
  /** Per model id (`provider:model`) entries merged over the bundled and file prices. */
  overrides: z.record(z.string().min(1), priceEntrySchema).default({}),
});

/** Retry and failover policy; one request never makes more than `maxAttempts` billed calls. */
export const retrySchema = z.strictObject({
  /** Cap on retries x fallbacks for one request: total attempts across all candidates. */
  maxAttempts: z.number().int().min(1).max(20).default(5),
  /** Retries of one candidate before failing over to the next. */
  retriesPerCandidate: z.number().int().min(0).max(10).default(2),
  initialBackoffMs: z.number().int().nonnegative().default(250),
  maxBackoffMs: z.number().int().nonnegative().default(8_000),
  /** A Retry-After up to this long is waited out (it is a floor for backoff); longer fails over. */
  maxRetryAfterWaitMs: z.number().int().nonnegative().default(5_000),
  /** Time limit for one attempt (to the first byte for streams, to the end for plain calls). */
  attemptTimeoutMs: z.number().int().positive().default(60_000),
  cooldown: z
    .strictObject({
      windowMs: z.number().int().positive().default(60_000),
      /** A deployment cools down when more than this share of its calls in the window failed… */
      failureRate: z.number().gt(0).max(1).default(0.5),
      /** …and at least this many calls were made (so one failure out of one is not a verdict). */
      minCalls: z.number().int().min(1).default(4),
      durationMs: z.number().int().positive().default(30_000),
    })
    .prefault({}),
});

const classifierSchema = z.custom<(input: { text: string; inputTokens: number }) => string | undefined>(
  (value) => typeof value === "function",
  { message: "expected a function (input) => tier name or undefined" },
);
const validatorSchema = z.union([
  z.enum(["non-empty", "json", "json-schema"]),
  z.custom<(output: { text: string }) => boolean | Promise<boolean>>((value) => typeof value === "function", {
    message: "expected a validator name or a function (output) => boolean",
  }),
]);

/** Declarative routing: which tier serves a request, decided before any model is called. */
export const routingSchema = z.strictObject({
  /** Task profile -> tier, e.g. `{ taskProfile: "classification", tier: "small" }`. First match wins. */
  rules: z.array(z.strictObject({ taskProfile: z.string().min(1), tier: z.string().min(1) })).default([]),
  /** Content rules on the prompt; first match wins; `classifier` runs when none match. */
  content: z
    .array(
      z.strictObject({
        contains: z.array(z.string().min(1)).min(1).optional(),
        regex: z.string().min(1).optional(),
        minInputTokens: z.number().int().nonnegative().optional(),
        maxInputTokens: z.number().int().nonnegative().optional(),
        tier: z.string().min(1),
      }),
    )
    .default([]),
  classifier: classifierSchema.optional(),
  /** Try the cheap tier, check the answer, escalate when the check fails; escalation rate is recorded. */
  cascade: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        from: z.string().min(1),
        to: z.string().min(1),
        validator: validatorSchema,
      }),
    )
    .default([]),
});

export const responseCacheSchema = z.strictObject({
  /** Opt-in: identical requests (canonical JSON of model, prompt and settings) are answered from the store. */
  enabled: z.boolean().default(false),
  ttlSeconds: z.number().int().positive().default(3_600),
});

export const modelsSchema = z.strictObject({
  /** The model used when an agent names none, as `provider:model` or `tier:<name>`. */
  default: z.string().min(1).default("sim:default"),
  /** Tier name -> ordered candidate model ids (first is preferred, the rest are fallbacks). */
  tiers: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)).default({}),
  providers: z
    .record(z.string().regex(/^[a-z][a-z0-9-]*$/, "lower-case letters, digits, '-'"), providerSchema)
    .default({}),
  prices: pricesSchema.prefault({}),
  retry: retrySchema.prefault({}),
  routing: routingSchema.prefault({}),
  cache: responseCacheSchema.prefault({}),
  sim: simSettingsSchema.prefault({}),
});

export type ModelsConfig = z.output<typeof modelsSchema>;
export type ProviderConfig = z.output<typeof providerSchema>;
export type RetryPolicy = z.output<typeof retrySchema>;
export type RoutingConfig = z.output<typeof routingSchema>;
