import semver from "semver";
import { z } from "zod";

// The front matter of `prompts/<id>.prompt.md`: what a prompt promises its callers (typed variables)
// and its consumers (the output schema). Everything the change classifier compares lives here.

export const promptVariableTypes = ["string", "number", "boolean", "json"] as const;
export type PromptVariableType = (typeof promptVariableTypes)[number];

const kebabId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a kebab-case id: lowercase letters, digits and single '-'");

const semverString = z
  .string()
  .refine((value) => semver.valid(value) !== null, "a semver version such as 1.2.0");

const variableObject = z.strictObject({
  type: z.enum(promptVariableTypes),
  required: z.boolean().default(true),
  description: z.string().optional(),
});

/** A variable: `{ type, required?, description? }`, or just its type name (`ticket: string`). */
export const promptVariableSchema = z.preprocess(
  (value) => (typeof value === "string" ? { type: value } : value),
  variableObject,
);
export type PromptVariable = z.output<typeof variableObject>;

/** Model hints; the runtime may honour or override them. */
export const promptModelSchema = z.strictObject({
  tier: z.string().min(1).optional(),
  id: z.string().min(1).optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxOutputTokens: z.number().int().positive().optional(),
});

/** A JSON Schema object; checked only for being an object here, its meaning is the validator's job. */
export const jsonSchemaObject = z.record(z.string(), z.unknown());

export const promptFrontMatterSchema = z.strictObject({
  id: kebabId,
  version: semverString,
  description: z.string().optional(),
  variables: z
    .record(
      z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a name of letters, digits and '_'"),
      promptVariableSchema,
    )
    .default({}),
  output: jsonSchemaObject.optional(),
  model: promptModelSchema.optional(),
  consumers: z.array(z.string().min(1)).optional(),
});
export type PromptFrontMatter = z.output<typeof promptFrontMatterSchema>;
