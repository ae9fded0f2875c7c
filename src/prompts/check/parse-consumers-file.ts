import { z } from "zod";
import {
  describeYamlIssues,
  invalidYamlFile,
  type JsonValue,
  type LocatedYaml,
  parseLocatedYaml,
} from "../../core/index.js";
import type { ConsumerContract, FieldAssertion } from "../check-spec.js";
import { jsonPathProblem } from "./json-path.js";
import { uniqueEntries } from "./unique-entries.js";

// Consumer-driven contracts: each consumer of a prompt's output says which fields it reads and what it
// needs of them. The file `prompts/<id>.consumers.yaml` and contracts registered through the API share
// one schema, so both fail the same way, naming where, which field and what was expected.

export const fieldAssertionTypes = [
  "string",
  "number",
  "integer",
  "boolean",
  "object",
  "array",
  "null",
] as const;

const jsonPath = z.string().superRefine((path, context) => {
  const problem = jsonPathProblem(path);
  if (problem) context.addIssue({ code: "custom", message: `a JSON path such as $.category (${problem})` });
});

const regex = z.string().superRefine((source, context) => {
  try {
    new RegExp(source);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    context.addIssue({ code: "custom", message: `a JavaScript regular expression (${reason})` });
  }
});

const assertionObject = z.strictObject({
  path: jsonPath,
  required: z.boolean().default(true),
  type: z.enum(fieldAssertionTypes).optional(),
  enum: z.array(z.json()).min(1, "at least one allowed value").optional(),
  regex: regex.optional(),
});

/** A read: `"$.category"` (the field must be present) or `{ path, required?, type?, enum?, regex? }`. */
export const fieldAssertionSchema = z.preprocess(
  (value) => (typeof value === "string" ? { path: value } : value),
  assertionObject,
);

/** One consumer: `{ name, description?, reads: [...] }`. */
export const consumerContractSchema = z.strictObject({
  name: z.string().min(1, "the consumer's name"),
  description: z.string().optional(),
  reads: z.array(fieldAssertionSchema).min(1, "at least one field the consumer reads"),
});

export const consumersFileSchema = z.strictObject({
  consumers: z
    .array(consumerContractSchema)
    .min(1, "at least one consumer")
    .superRefine(
      uniqueEntries(
        "name",
        (name) => `a unique consumer name; '${name}' has an earlier entry (merge its reads)`,
      ),
    ),
});

type ParsedConsumer = z.output<typeof consumerContractSchema>;

function toContract(consumer: ParsedConsumer, origin: string): ConsumerContract {
  const reads = consumer.reads.map((read): FieldAssertion => {
    const assertion: FieldAssertion = { path: read.path, required: read.required };
    if (read.type !== undefined) assertion.type = read.type;
    if (read.enum !== undefined) assertion.enum = read.enum as JsonValue[];
    if (read.regex !== undefined) assertion.regex = read.regex;
    return assertion;
  });
  const contract: ConsumerContract = { consumer: consumer.name, reads, origin };
  if (consumer.description !== undefined) contract.description = consumer.description;
  return contract;
}

const hint =
  "Each consumer is `{ name, description?, reads: [...] }`; a read is a JSON path such as $.category, " +
  "or `{ path, required?, type?, enum?, regex? }`.";

function invalid(file: string, problems: string[]) {
  return invalidYamlFile({
    domain: "PROMPT",
    code: "PROMPT_CONSUMERS_INVALID",
    what: "consumer contracts",
    file,
    problems,
    hint,
  });
}

/** Parses `prompts/<id>.consumers.yaml`; each contract's origin is `file:line` of its entry. */
export function parseConsumersFile(source: string, file: string): ConsumerContract[] {
  const located: LocatedYaml = parseLocatedYaml(source, file);
  if (located.syntaxProblems.length > 0) throw invalid(file, located.syntaxProblems);
  const parsed = consumersFileSchema.safeParse(located.value);
  if (!parsed.success) {
    throw invalid(file, describeYamlIssues(located, parsed.error.issues, "(consumer contracts)"));
  }
  return parsed.data.consumers.map((consumer, index) => {
    const line = located.lineOf(["consumers", index]);
    return toContract(consumer, line === undefined ? file : `${file}:${line}`);
  });
}

/** Validates one contract given as JSON (the API's body); problems read `origin  field: expectation`. */
export function consumerContractFromJson(json: unknown, origin: string): ConsumerContract {
  const parsed = consumerContractSchema.safeParse(json);
  if (!parsed.success) {
    throw invalid(
      origin,
      describeYamlIssues({ file: origin, lineOf: () => undefined }, parsed.error.issues, "(consumer)"),
    );
  }
  return toContract(parsed.data, origin);
}
