import { canonicalJson, type JsonValue } from "../../core/index.js";
import type { ConsumerContract, ContractFailure, ContractResult, FieldAssertion } from "../check-spec.js";
import type { ParsedPrompt } from "../parse-prompt-file.js";
import { type JsonPathSegment, parseJsonPath } from "./json-path.js";
import { contractFailure } from "./run-contracts.js";

// Without a replay set there are no outputs to run contracts on; the output schema is what the prompt
// promises instead. A required read the schema no longer declares, a type the schema rules out, or an
// enum value the schema allows that the consumer does not accept, fails with caseId "schema".

type Schema = Record<string, unknown>;

/** What a schema says about a path: declared (with its schema), ruled out, or left open. */
type Resolution = { status: "declared"; schema: Schema } | { status: "undeclared" } | { status: "open" };

const schemaCaseId = "schema";

function isSchema(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typesOf(schema: Schema): string[] | undefined {
  if (schema.type === undefined) return undefined;
  return (Array.isArray(schema.type) ? schema.type : [schema.type]).map(String);
}

function allows(schema: Schema, type: string): boolean {
  const types = typesOf(schema);
  return types === undefined || types.includes(type);
}

function branchesOf(schema: Schema): Schema[] {
  return ["anyOf", "oneOf", "allOf"].flatMap((keyword) => {
    const branches = schema[keyword];
    return Array.isArray(branches) ? branches.filter(isSchema) : [];
  });
}

function step(schema: Schema, segment: JsonPathSegment): Resolution {
  if (segment.kind === "property") {
    if (!allows(schema, "object")) return { status: "undeclared" };
    const properties = schema.properties;
    const property = isSchema(properties) ? properties[segment.name] : undefined;
    if (isSchema(property)) return { status: "declared", schema: property };
    if (isSchema(schema.additionalProperties))
      return { status: "declared", schema: schema.additionalProperties };
    // No `properties` at all is a free-form object: the schema neither promises nor rules out the field.
    if (isSchema(properties) || schema.additionalProperties === false) return { status: "undeclared" };
    return { status: "open" };
  }
  if (!allows(schema, "array")) return { status: "undeclared" };
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
  const positional = segment.kind === "index" ? prefix[segment.index] : undefined;
  if (isSchema(positional)) return { status: "declared", schema: positional };
  if (isSchema(schema.items)) return { status: "declared", schema: schema.items };
  return { status: "open" };
}

function resolve(schema: Schema, segments: readonly JsonPathSegment[]): Resolution {
  const [segment, ...rest] = segments;
  if (segment === undefined) return { status: "declared", schema };
  const branches = branchesOf(schema);
  if (branches.length > 0 && !isSchema(schema.properties) && schema.items === undefined) {
    const outcomes = branches.map((branch) => resolve(branch, segments));
    return (
      outcomes.find((outcome) => outcome.status === "declared") ??
      outcomes.find((outcome) => outcome.status === "open") ?? { status: "undeclared" }
    );
  }
  const next = step(schema, segment);
  return next.status === "declared" ? resolve(next.schema, rest) : next;
}

function typeConflict(schema: Schema, type: NonNullable<FieldAssertion["type"]>): boolean {
  const types = typesOf(schema);
  if (types === undefined) return false;
  // An integer is a number: a consumer wanting integers may still get them from a `number` field.
  if (type === "integer") return !types.includes("integer") && !types.includes("number");
  if (type === "number") return !types.includes("number") && !types.includes("integer");
  return !types.includes(type);
}

function checkRead(contract: ConsumerContract, read: FieldAssertion, prompt: string, output?: Schema) {
  const fail = (rule: string, detail: string): ContractFailure =>
    contractFailure(contract.consumer, read.path, schemaCaseId, rule, detail);
  if (!output) {
    return read.required ? [fail("missing", `${prompt} declares no output schema`)] : [];
  }
  const resolution = resolve(output, parseJsonPath(read.path));
  if (resolution.status === "undeclared") {
    return read.required ? [fail("missing", `the output schema of ${prompt} does not declare it`)] : [];
  }
  if (resolution.status === "open") return [];
  const schema = resolution.schema;
  if (read.type && typeConflict(schema, read.type)) {
    return [
      fail(
        "type",
        `expected ${read.type}, the output schema of ${prompt} says ${typesOf(schema)?.join("|")}`,
      ),
    ];
  }
  if (read.enum && Array.isArray(schema.enum)) {
    const accepted = new Set(read.enum.map((value) => canonicalJson(value)));
    const extra = (schema.enum as JsonValue[])
      .map((value) => canonicalJson(value))
      .filter((v) => !accepted.has(v));
    if (extra.length > 0) {
      return [
        fail("enum", `the output schema of ${prompt} allows ${extra.join(", ")}, which it does not accept`),
      ];
    }
  }
  return [];
}

/** Checks contracts against the prompt's declared output schema instead of replayed outputs. */
export function checkContractsAgainstSchema(
  contracts: readonly ConsumerContract[],
  prompt: ParsedPrompt,
): ContractResult[] {
  const label = `${prompt.frontMatter.id} ${prompt.frontMatter.version}`;
  return contracts.map((contract) => {
    const failures = contract.reads.flatMap((read) =>
      checkRead(contract, read, label, prompt.frontMatter.output),
    );
    return { consumer: contract.consumer, origin: contract.origin, passed: failures.length === 0, failures };
  });
}
