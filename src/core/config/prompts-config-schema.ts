import { z } from "zod";

// How a workspace's prompts are served and released. The prompts module enforces it; this is only
// its shape. Gates are code (objects with `name` and `check`), so the schema only knows they are values.

const labelName = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, "a label name: lowercase letters, digits and '-', starting with a letter");

export const promptLabelRuleSchema = z.strictObject({
  /** Moving a protected label needs the `release` (or `admin`) scope. */
  protected: z.boolean().default(false),
  /** Gates (by name) the candidate version must pass before the label moves. */
  gates: z.array(z.string().min(1)).default([]),
});

export const promptsSchema = z.strictObject({
  /** The label agents and `getPrompt` serve when a reference names neither label nor version. */
  label: labelName.default("production"),
  /**
   * Per-label rules. Unless configured otherwise, `production` is protected and its candidate must
   * pass `prompts-check` (declared bump vs measured impact, consumer contracts).
   */
  labels: z
    .record(labelName, promptLabelRuleSchema)
    .default({ production: { protected: true, gates: ["prompts-check"] } }),
  /** More gates (made with `definePromptGate`); `prompts-check` is built in. */
  gates: z.array(z.unknown()).default([]),
  cache: z
    .strictObject({
      /** A cached prompt is fresh this long; after that it is served while refreshed in the background. */
      ttlSeconds: z.number().positive().default(60),
      /** With the registry unreachable, a cached prompt is served at most this long after it was fetched. */
      maxStaleSeconds: z.number().positive().default(86_400),
    })
    .prefault({}),
  /** `gantry prompts check`: a replayed output field changing in more than this share of cases needs a major. */
  divergenceThreshold: z.number().min(0).max(1).default(0.05),
  drift: z
    .strictObject({
      /** Spans of this environment are compared with `label`. */
      environment: z.string().min(1).default("production"),
      /** The label that says what the environment should be serving. */
      label: z.string().min(1).default("production"),
      /** How far back each check looks. */
      windowHours: z.number().positive().default(24),
      /** How often `gantry up` checks; 0 turns the periodic check off. */
      intervalSeconds: z.number().nonnegative().default(60),
    })
    .prefault({}),
});

export type PromptsConfig = z.output<typeof promptsSchema>;
export type PromptLabelRuleConfig = z.output<typeof promptLabelRuleSchema>;
