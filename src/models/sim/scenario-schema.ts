import { z } from "zod";

/** A text test: a plain string means "contains, ignoring case"; a list of strings, "contains any". */
export const textMatcherSchema = z.union(
  [
    z.string(),
    z.array(z.string()).min(1),
    z
      .strictObject({
        /** Any of these substrings (case-insensitive unless `caseSensitive`). */
        contains: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
        /** A JavaScript regular expression source. */
        regex: z.string().optional(),
        /** Regex flags; `i` by default. */
        flags: z
          .string()
          .regex(/^[dgimsuvy]*$/, "only JavaScript regex flags (dgimsuvy)")
          .optional(),
        /** The whole text, trimmed (case-insensitive unless `caseSensitive`). */
        equals: z.string().optional(),
        caseSensitive: z.boolean().default(false),
      })
      .refine(
        (matcher) =>
          matcher.contains !== undefined || matcher.regex !== undefined || matcher.equals !== undefined,
        {
          message: "give at least one of contains, regex or equals",
        },
      )
      .refine((matcher) => matcher.regex === undefined || isValidRegex(matcher.regex, matcher.flags), {
        message: "regex is not a valid JavaScript regular expression",
        path: ["regex"],
      }),
  ],
  { error: "expected a string, a list of strings, or an object with contains, regex or equals" },
);

function isValidRegex(source: string, flags: string | undefined): boolean {
  try {
    new RegExp(source, flags ?? "i");
    return true;
  } catch {
    return false;
  }
}

const namesError = "expected true, false or a non-empty list of tool names";

/** When a rule applies; every given field must hold. An empty match always applies. */
export const ruleMatchSchema = z.strictObject({
  lastUserText: textMatcherSchema.optional(),
  system: textMatcherSchema.optional(),
  /** true: some tool result in this turn; false: none; a list: a result from each named tool. */
  toolResults: z.union([z.boolean(), z.array(z.string().min(1)).min(1)], { error: namesError }).optional(),
  /** Assistant turns since the last user message, exactly or as an inclusive range. */
  step: z
    .union(
      [
        z.number().int().nonnegative(),
        z.strictObject({
          min: z.number().int().nonnegative().optional(),
          max: z.number().int().nonnegative().optional(),
        }),
      ],
      { error: "expected a step number (0 or more) or { min, max }" },
    )
    .optional(),
  /** `json` matches any JSON request, `json-schema` only one that carries a schema. */
  responseFormat: z.enum(["text", "json", "json-schema"]).optional(),
  /** true: some tool offered; false: none; a list: every named tool offered. */
  toolsOffered: z.union([z.boolean(), z.array(z.string().min(1)).min(1)], { error: namesError }).optional(),
});

const jsonValueSchema: z.ZodType<unknown> = z.json();

/** One scripted tool call: the tool name and, optionally, templated JSON arguments. */
export const toolCallReplySchema = z.strictObject({
  name: z.string().min(1),
  /** JSON arguments; string values may hold templates. Omitted: built from the tool's input schema. */
  arguments: z.record(z.string(), jsonValueSchema).optional(),
});

/** What a rule answers with; at least one of text, toolCalls, autoToolCall or object. */
export const ruleReplySchema = z
  .strictObject({
    /** Reply text (templated); a list means one is picked per call with the seeded random. */
    text: z
      .union([z.string(), z.array(z.string()).min(1)], { error: "expected a string or a list of strings" })
      .optional(),
    toolCalls: z.array(toolCallReplySchema).min(1).optional(),
    /** Call the offered tool whose name and description best fit the last user text. */
    autoToolCall: z.boolean().optional(),
    /** Structured output (templated strings); used when the caller asked for JSON. */
    object: jsonValueSchema.optional(),
  })
  .refine(
    (reply) =>
      reply.text !== undefined ||
      reply.toolCalls !== undefined ||
      reply.autoToolCall === true ||
      reply.object !== undefined,
    { message: "a reply needs text, toolCalls, autoToolCall or object" },
  );

/** One rule: when it applies (`match`) and what it answers (`reply`). */
export const scenarioRuleSchema = z.strictObject({
  /** Shown in provider metadata (`sim.rule`) so tests and traces can tell which rule answered. */
  name: z.string().min(1).optional(),
  match: ruleMatchSchema.prefault({}),
  reply: ruleReplySchema,
});

/** How a named model version behaves differently from the script, for drift rehearsal. */
export const modelVersionSchema = z.strictObject({
  /** Share of the reply text kept (cut at a word boundary): 0.5 halves every answer. */
  answerLengthFactor: z.number().gt(0).max(1).default(1),
  /** Share of calls answered with `refusalText` instead of the scripted reply. */
  refusalRate: z.number().min(0).max(1).default(0),
  refusalText: z.string().min(1).default("I'm sorry, but I can't help with that request."),
  /** Share of scripted tool calls actually made; the rest are answered with text instead. */
  toolCallRate: z.number().min(0).max(1).default(1),
  /** Tool names this version reaches for first: the first one offered replaces the scripted tool. */
  toolPreference: z.array(z.string().min(1)).default([]),
  /** Multiplies every sampled delay. */
  latencyFactor: z.number().positive().default(1),
});

/** A scenario file: ordered rules (first match wins) and optional named versions. */
export const scenarioSchema = z.strictObject({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  rules: z.array(scenarioRuleSchema).default([]),
  /** Version name (e.g. `2026-06`) -> behaviour; merged over the built-in versions. */
  versions: z
    .record(z.string().regex(/^[\w.-]+$/, "letters, digits, '.', '_' or '-'"), modelVersionSchema)
    .default({}),
  /** The version an unversioned id (`sim:default`) resolves to; the built-in default is `2026-01`. */
  defaultVersion: z.string().min(1).optional(),
  /** false: when no rule here matches, fail instead of falling back to the built-in support-desk rules. */
  includeDefaultRules: z.boolean().default(true),
});

export type TextMatcher = z.output<typeof textMatcherSchema>;
export type RuleMatch = z.output<typeof ruleMatchSchema>;
export type RuleReply = z.output<typeof ruleReplySchema>;
export type ScenarioRule = z.output<typeof scenarioRuleSchema>;
export type ModelVersion = z.output<typeof modelVersionSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
/** What a scenario author writes (defaults optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>;

/** Identity function that gives a TypeScript scenario file its types. */
export function defineScenario(scenario: ScenarioInput): ScenarioInput {
  return scenario;
}
