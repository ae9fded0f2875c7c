import { canonicalJson, type JsonValue } from "../../core/index.js";
import type { DivergenceReport, FieldDivergence, ReplayOutput } from "../check-spec.js";
import { flattenJsonLeaves } from "./flatten-json-leaves.js";

// How far did the outputs move between two versions of a prompt? Each output field gets a rate:
// the share of cases, among those where the field appears on either side, in which it changed. A
// rate above the threshold means consumers will see different answers: a major change, whatever the
// wording diff looks like.

export const defaultDivergenceThreshold = 0.05;

/**
 * Numbers are compared exactly except for floating-point noise: two numbers differ when their relative
 * difference exceeds 1e-9. A model that answers 0.8 then 0.81 changed its answer.
 */
export const numberTolerance = 1e-9;

type Fields = Map<string, JsonValue[]>;

function normaliseText(text: string): string {
  return text.trim().replace(/\s+/g, " ");
}

// An errored or absent output has no fields; the other side's fields then all count as diverged.
function fieldsOf(output: ReplayOutput | undefined): Fields | undefined {
  if (output === undefined || output.error !== undefined) return undefined;
  if (output.json !== undefined) return flattenJsonLeaves(output.json);
  return new Map([["$", [normaliseText(output.text)]]]);
}

function sameLeaf(a: JsonValue, b: JsonValue): boolean {
  if (typeof a === "number" && typeof b === "number") {
    if (a === b) return true;
    return Math.abs(a - b) <= numberTolerance * Math.max(Math.abs(a), Math.abs(b));
  }
  if (typeof a !== "object" || typeof b !== "object") return a === b;
  // Only empty containers and null reach here as leaves.
  return canonicalJson(a) === canonicalJson(b);
}

function sameValues(a: JsonValue[], b: JsonValue[]): boolean {
  return a.length === b.length && a.every((value, index) => sameLeaf(value, b[index] as JsonValue));
}

function byCase(outputs: readonly ReplayOutput[]): Map<string, ReplayOutput> {
  return new Map(outputs.map((output) => [output.caseId, output]));
}

/** Pairs outputs by case id and measures, per output field, how often it changed. */
export function measureDivergence(
  before: readonly ReplayOutput[],
  after: readonly ReplayOutput[],
  options: { threshold?: number } = {},
): DivergenceReport {
  const threshold = options.threshold ?? defaultDivergenceThreshold;
  const beforeByCase = byCase(before);
  const afterByCase = byCase(after);
  const caseIds = [...new Set([...beforeByCase.keys(), ...afterByCase.keys()])];
  const counts = new Map<string, { diverged: number; total: number }>();
  const count = (path: string, diverged: boolean) => {
    const entry = counts.get(path) ?? { diverged: 0, total: 0 };
    entry.total += 1;
    if (diverged) entry.diverged += 1;
    counts.set(path, entry);
  };
  for (const caseId of caseIds) {
    const fieldsBefore = fieldsOf(beforeByCase.get(caseId));
    const fieldsAfter = fieldsOf(afterByCase.get(caseId));
    // Both sides failed: nothing was answered to compare.
    if (fieldsBefore === undefined && fieldsAfter === undefined) continue;
    if (fieldsBefore === undefined || fieldsAfter === undefined) {
      for (const path of (fieldsBefore ?? fieldsAfter)?.keys() ?? []) count(path, true);
      continue;
    }
    for (const path of new Set([...fieldsBefore.keys(), ...fieldsAfter.keys()])) {
      const valuesBefore = fieldsBefore.get(path);
      const valuesAfter = fieldsAfter.get(path);
      count(path, !valuesBefore || !valuesAfter || !sameValues(valuesBefore, valuesAfter));
    }
  }
  const fields: FieldDivergence[] = [...counts.entries()]
    .map(([path, { diverged, total }]) => ({ path, diverged, total, rate: diverged / total }))
    .sort((a, b) => b.rate - a.rate || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const maxRate = fields[0]?.rate ?? 0;
  return { cases: caseIds.length, fields, maxRate, threshold, bump: maxRate > threshold ? "major" : "none" };
}
