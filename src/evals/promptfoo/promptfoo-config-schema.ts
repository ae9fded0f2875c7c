import { z } from "zod";

// The parts of promptfoo's `promptfooconfig.yaml` the importer reads. Loose where promptfoo has many
// optional fields: the importer decides field by field what it maps, ignores (with a note) or refuses.

// A union's own message is "Invalid input"; say what is expected, and that it is missing when it is.
function expecting(what: string) {
  return {
    error: (issue: { input?: unknown }) =>
      issue.input === undefined ? `missing; ${what}` : `expected ${what}`,
  };
}

const prompt = z.union([
  z.string().min(1),
  z.looseObject({ raw: z.string().optional(), id: z.string().optional(), label: z.string().optional() }),
]);

const provider = z.union([
  z.string().min(1),
  z.looseObject({
    id: z.string().min(1),
    label: z.string().optional(),
    config: z.record(z.string(), z.unknown()).optional(),
  }),
]);

export const promptfooAssertSchema = z.looseObject({
  type: z.string().min(1, "an assert type such as contains"),
  value: z.json().optional(),
  threshold: z.number().optional(),
});

export const promptfooTestSchema = z.looseObject({
  description: z.string().optional(),
  vars: z.record(z.string(), z.json()).default({}),
  assert: z.array(promptfooAssertSchema).default([]),
  options: z.record(z.string(), z.unknown()).optional(),
});

export const promptfooConfigSchema = z.looseObject({
  description: z.string().optional(),
  prompts: z.union(
    [z.string().min(1), z.array(prompt).min(1, "at least one prompt")],
    expecting("a prompt or a list of prompts (text, file://…, or { raw | id, label })"),
  ),
  providers: z.union(
    [z.string().min(1), z.array(provider).min(1, "at least one provider")],
    expecting("a provider id such as openai:gpt-4o-mini, or a list of ids or { id, label }"),
  ),
  tests: z
    .union(
      [z.string().min(1), z.array(z.union([z.string().min(1), promptfooTestSchema]))],
      expecting("a list of tests or file://tests.yaml"),
    )
    .default([]),
  defaultTest: promptfooTestSchema.partial().optional(),
});

export type PromptfooConfig = z.output<typeof promptfooConfigSchema>;
export type PromptfooTest = z.output<typeof promptfooTestSchema>;
