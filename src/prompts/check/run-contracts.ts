import { canonicalJson, type JsonValue } from "../../core/index.js";
import type {
  ConsumerContract,
  ContractFailure,
  ContractResult,
  FieldAssertion,
  ReplayOutput,
} from "../check-spec.js";
import { evaluateJsonPath } from "./json-path.js";

// Runs every consumer's assertions on every replayed output. A failure names the consumer, the field,
// the case and what was actually there, so the person reading the check knows whose code breaks.

const maxActualLength = 80;

/** A value as a short JSON snippet for messages. */
export function snippet(value: JsonValue | string): string {
  const text = typeof value === "string" ? JSON.stringify(value) : canonicalJson(value);
  return text.length > maxActualLength ? `${text.slice(0, maxActualLength - 1)}…` : text;
}

/** The JSON type name of a value, in the words of JSON Schema's `type`. */
export function jsonTypeOf(value: JsonValue): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function hasType(value: JsonValue, type: NonNullable<FieldAssertion["type"]>): boolean {
  if (type === "integer") return typeof value === "number" && Number.isInteger(value);
  return jsonTypeOf(value) === type;
}

/** A failure whose message reads `consumer <name> reads <field>: <detail>`. */
export function contractFailure(
  consumer: string,
  field: string,
  caseId: string,
  rule: string,
  detail: string,
): ContractFailure {
  return { consumer, field, caseId, rule, message: `consumer ${consumer} reads ${field}: ${detail}` };
}

// The first rule a found value breaks, with what it was; undefined when it holds.
function breach(value: JsonValue, assertion: FieldAssertion): { rule: string; detail: string } | undefined {
  if (assertion.type && !hasType(value, assertion.type)) {
    return { rule: "type", detail: `expected ${assertion.type}, got ${jsonTypeOf(value)} ${snippet(value)}` };
  }
  if (assertion.enum && !assertion.enum.some((allowed) => canonicalJson(allowed) === canonicalJson(value))) {
    const allowed = assertion.enum.map((entry) => canonicalJson(entry)).join(", ");
    return { rule: "enum", detail: `${snippet(value)} is not one of ${allowed}` };
  }
  if (assertion.regex !== undefined) {
    if (typeof value !== "string") {
      return {
        rule: "regex",
        detail: `expected a string matching /${assertion.regex}/, got ${snippet(value)}`,
      };
    }
    if (!new RegExp(assertion.regex).test(value)) {
      return { rule: "regex", detail: `${snippet(value)} does not match /${assertion.regex}/` };
    }
  }
  return undefined;
}

function checkOutput(contract: ConsumerContract, output: ReplayOutput): ContractFailure[] {
  const { consumer } = contract;
  const caseId = output.caseId;
  if (output.json === undefined) {
    const why = output.error ?? "no JSON";
    const text = output.text ? `: ${snippet(output.text)}` : "";
    return contract.reads.map((read) =>
      contractFailure(
        consumer,
        read.path,
        caseId,
        "not-json",
        `case ${caseId} has no JSON output (${why})${text}`,
      ),
    );
  }
  const json = output.json;
  const failures: ContractFailure[] = [];
  for (const read of contract.reads) {
    for (const match of evaluateJsonPath(json, read.path)) {
      const where = match.path === read.path ? `case ${caseId}` : `case ${caseId} at ${match.path}`;
      if (!match.found) {
        if (read.required) {
          failures.push(
            contractFailure(
              consumer,
              read.path,
              caseId,
              "missing",
              `missing in ${where} (output ${snippet(json)})`,
            ),
          );
        }
        continue;
      }
      const broken = breach(match.value as JsonValue, read);
      if (broken) {
        failures.push(
          contractFailure(consumer, read.path, caseId, broken.rule, `${broken.detail} in ${where}`),
        );
      }
    }
  }
  return failures;
}

/** Checks every contract's reads against every output's JSON; a contract passes with no failure. */
export function runContracts(
  contracts: readonly ConsumerContract[],
  outputs: readonly ReplayOutput[],
): ContractResult[] {
  return contracts.map((contract) => {
    const failures = outputs.flatMap((output) => checkOutput(contract, output));
    return { consumer: contract.consumer, origin: contract.origin, passed: failures.length === 0, failures };
  });
}
