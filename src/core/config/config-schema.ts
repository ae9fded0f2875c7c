import { z } from "zod";
import { budgetsSchema } from "./budgets-config-schema.js";
import { evalsSchema } from "./evals-config-schema.js";
import { modelsSchema } from "./models-config-schema.js";
import { promptsSchema } from "./prompts-config-schema.js";

export const storeSchema = z.strictObject({
  /** `postgres://…` or a SQLite file path; GANTRY_DATABASE_URL wins over this. */
  url: z.string().min(1).optional(),
});

export const serverSchema = z.strictObject({
  port: z.number().int().min(0).max(65_535).default(4680),
  host: z.string().min(1).default("127.0.0.1"),
  /** Per-key request limits on /v1/* (the gateway); 0 means unlimited. Keyed by API key name. */
  rateLimits: z
    .strictObject({
      requestsPerMinute: z.number().int().nonnegative().default(0),
      keys: z
        .record(z.string().min(1), z.strictObject({ requestsPerMinute: z.number().int().nonnegative() }))
        .default({}),
    })
    .prefault({}),
});

/** The whole workspace configuration, as written in `gantry.config.ts`. */
export const configSchema = z.strictObject({
  name: z.string().min(1).default("workspace"),
  /**
   * Where this process runs (`development`, `staging`, `production`…): recorded on every span as
   * `deployment.environment.name`. GANTRY_ENVIRONMENT wins over this.
   */
  environment: z.string().min(1).default("development"),
  store: storeSchema.prefault({}),
  server: serverSchema.prefault({}),
  models: modelsSchema.prefault({}),
  /**
   * Agents made with `defineAgent` (runtime). Checked by the runtime when it loads them: the config
   * schema sits below the runtime and only knows they are values.
   */
  agents: z.array(z.unknown()).default([]),
  /** Spending caps, reserved before each model call (guard). */
  budgets: budgetsSchema.prefault({}),
  /** Prompt serving (label, cache), label rules and gates, change checks and drift (prompts). */
  prompts: promptsSchema.prefault({}),
  /** Eval defaults (judge) and online scoring rules for production runs (evals). */
  evals: evalsSchema.prefault({}),
});

/** What a user writes (defaults optional). */
export type GantryConfigInput = z.input<typeof configSchema>;
/** What the code reads (defaults applied). */
export type GantryConfig = z.output<typeof configSchema>;

/** Identity function that gives `gantry.config.ts` its types. */
export function defineConfig(config: GantryConfigInput): GantryConfigInput {
  return config;
}

/** Where this process runs: GANTRY_ENVIRONMENT, else the config's `environment`. */
export function resolveEnvironment(config: Pick<GantryConfig, "environment">, env = process.env): string {
  return env.GANTRY_ENVIRONMENT?.trim() || config.environment;
}
